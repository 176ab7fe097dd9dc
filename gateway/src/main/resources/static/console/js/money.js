// Amounts arrive as exact decimal strings ("1234.50", "-3", "1500"); they are shown from those strings alone,
// never through a JavaScript number, whose binary floats would round large or many-decimal amounts.

/** "1234567.5" → "1,234,567.5"; the decimals are kept exactly as the API wrote them (its scale is the currency's). */
export function groupDigits(amount) {
  const text = String(amount).trim();
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (sign === '-' ? '−' : sign) + grouped + (fraction !== undefined ? '.' + fraction : '');
}

/** "1234.50", "USD" → "1,234.50 USD"; a missing amount (null on FROZEN/UNFROZEN/CLOSED entries) is a dash. */
export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  return groupDigits(amount) + (currency ? '\u00a0' + currency : '');
}

/** True for "0", "0.00", "-0.0": lets a page mute zero amounts without converting them to numbers. */
export function isZero(amount) {
  return /^[+-]?0+(\.0+)?$/.test(String(amount ?? ''));
}
