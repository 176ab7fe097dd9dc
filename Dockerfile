# syntax=docker/dockerfile:1

# Build: the same command a developer runs, with the Maven repository cached between builds.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -q -DskipTests package

# Run: a JRE, the Spring Boot jar, an unprivileged user, and curl for the healthcheck (docker-compose.yml); recent
# Temurin images no longer ship it.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system ledger \
    && useradd --system --gid ledger --home-dir /app --no-create-home ledger \
    && mkdir -p /app/data \
    && chown -R ledger:ledger /app
WORKDIR /app
COPY --from=build /src/gateway/target/ledger.jar /tmp/ledger.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# Start-up (docs/adr/009): the jar extracted (CDS cannot map classes nested in a fat jar), and a class-data-sharing
# archive of the classes one start loads, recorded by a training start on a throwaway H2 database that stops once
# the context is refreshed. A JVM that cannot use the archive (other options, other JDK build) warns and loads the
# classes as usual.
RUN java -Djarmode=tools -jar /tmp/ledger.jar extract --force --destination /app \
    && rm /tmp/ledger.jar \
    && LEDGER_DATA_DIR=/tmp/cds-training LEDGER_PORT=0 java -XX:+UseParallelGC -XX:ArchiveClassesAtExit=/app/ledger.jsa \
         -Dspring.context.exit=onRefresh -jar /app/ledger.jar \
    && rm -rf /tmp/cds-training \
    && chown -R ledger:ledger /app
USER ledger
# 8080: the API; 8081: the management port (detailed health, metrics), for the internal network only
EXPOSE 8080 8081
# the parallel collector: on two cores it costs a third of G1's CPU per request (bench/run.sh, docs/adr/019)
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:SharedArchiveFile=/app/ledger.jsa", "-jar", "/app/ledger.jar"]
