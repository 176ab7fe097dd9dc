#!/usr/bin/env bash
# Lints the OpenAPI document the service serves, as exported at build time by OpenApiContractIT
# (gateway/target/openapi.json), with Spectral (spectral:oas) and Redocly (recommended); exits non-zero on any error.
# The linters come from npm, pinned by package-lock.json; only Node.js (npm) is needed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
spec="$(realpath "${1:-$here/../gateway/target/openapi.json}")"
cd "$here"
[ -f "$spec" ] || { echo "no OpenAPI document at $spec: run the gateway's integration tests first" >&2; exit 2; }
if [ ! -x node_modules/.bin/spectral ] || [ ! -x node_modules/.bin/redocly ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error "$spec"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint --config redocly.yaml "$spec"
