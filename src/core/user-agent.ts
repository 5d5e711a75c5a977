/** Names the browser and operating system of a User-Agent header in words a person recognises ("Chrome", "Linux"). */

export type UserAgentSummary = { browser: string | null; system: string | null };

/**
 * Order matters: Edge, Opera and Samsung Internet also say "Chrome" and "Safari", Chrome also says "Safari", so the
 * most specific token is tested first (the same precedence browser vendors document for their own tokens).
 */
const browsers: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/^curl\//, 'curl'],
];

/** iPhone and iPad come before "Mac OS X", which their strings contain too; Android before Linux, likewise. */
const systems: readonly [RegExp, string][] = [
  [/\bWindows NT\b/, 'Windows'],
  [/\biPhone\b/, 'iOS'],
  [/\biPad\b/, 'iPadOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

const first = (table: readonly [RegExp, string][], ua: string): string | null => table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;

export function describeUserAgent(ua: string | null | undefined): UserAgentSummary {
  if (!ua) return { browser: null, system: null };
  return { browser: first(browsers, ua), system: first(systems, ua) };
}
