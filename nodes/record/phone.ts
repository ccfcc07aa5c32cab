/**
 * E.164 normalisation for phone lookups. Contact-center payloads write the same number many
 * ways (`tel:+1 555-123-4567`, `(555) 123 4567`, `0081 3 1234 5678`), while a CRM search
 * matches text exactly; both sides meet at E.164 (`+15551234567`).
 */

/**
 * `raw` as E.164, or undefined when it cannot be one. `countryCode` (digits, e.g. `1`, `81`)
 * completes a national number: a leading trunk `0` is dropped first (`03…` in Japan).
 */
export function toE164(raw: string, countryCode?: string): string | undefined {
  let text = raw.trim().replace(/^tel:/i, '').replace(/^sip:/i, '');
  // A SIP address or a tel URI's parameters: the number is the user part.
  text = text.replace(/[@;].*$/, '');
  if (!/^[+\d\s().\-/]+$/.test(text)) return undefined;
  const plus = text.startsWith('+');
  let digits = text.replace(/\D/g, '');
  if (digits === '') return undefined;
  if (!plus) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (countryCode && /^\d{1,3}$/.test(countryCode)) {
      digits = `${countryCode}${digits.replace(/^0/, '')}`;
    } else return undefined;
  }
  // E.164: at most 15 digits, no leading zero in the country code.
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return undefined;
  return `+${digits}`;
}
