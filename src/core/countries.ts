/** Reference list of ISO 3166-1 alpha-2 countries, the EU member and candidate states, and their localised names. */

export const countryStatuses = ['member', 'candidate'] as const;
export type CountryStatus = (typeof countryStatuses)[number];

/** The 27 EU member states. */
export const euMemberStates = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

/** The EU candidate countries as of 2026 (Kosovo, a potential candidate, has no ISO 3166-1 code and is not listed). */
export const euCandidateCountries = ['AL', 'BA', 'GE', 'MD', 'ME', 'MK', 'RS', 'TR', 'UA'] as const;

export type OfficeCountry = (typeof euMemberStates)[number] | (typeof euCandidateCountries)[number];

/** Every country the office represents, with its status towards the EU. */
export const officeCountries: readonly { code: OfficeCountry; status: CountryStatus }[] = [
  ...euMemberStates.map((code) => ({ code, status: 'member' as const })),
  ...euCandidateCountries.map((code) => ({ code, status: 'candidate' as const })),
];

const officeStatus = new Map<string, CountryStatus>(officeCountries.map((c) => [c.code, c.status]));

/** Member or candidate status, or null for any other country. */
export function countryStatus(code: string): CountryStatus | null {
  return officeStatus.get(code) ?? null;
}

export function isOfficeCountry(code: string): code is OfficeCountry {
  return officeStatus.has(code);
}

/** All officially assigned ISO 3166-1 alpha-2 codes (249), kept as data so validation never depends on the ICU build. */
export const iso3166Alpha2: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ ' +
  'LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
  'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA ' +
  'RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU ' +
  'WF WS YE YT ZA ZM ZW'
).split(' ');

const known = new Set(iso3166Alpha2);

/** True for any officially assigned ISO 3166-1 alpha-2 code (upper case). */
export function isKnownCountry(code: string): boolean {
  return known.has(code);
}

const displayNames = new Map<string, Intl.DisplayNames>();

function namesFor(locale: string): Intl.DisplayNames {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'none' });
    displayNames.set(locale, names);
  }
  return names;
}

/** The country's name in the locale, or the code itself for a code that is not ISO or that the runtime cannot name. */
export function countryName(code: string, locale: string): string {
  // ICU names reserved codes too ('ZZ' is "Unknown Region"): only assigned codes get a name.
  if (!known.has(code)) return code;
  try {
    return namesFor(locale).of(code) ?? code;
  } catch {
    // An invalid locale tag must not break a page: fall back to the code.
    return code;
  }
}

export type CountryOption = { code: string; name: string };

const sortedCache = new Map<string, CountryOption[]>();

function sortOptions(codes: readonly string[], locale: string): CountryOption[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return codes
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
}

/**
 * Territories with no permanent population, which no one holds as a nationality or gives as a birthplace: Antarctica,
 * Bouvet Island, Heard and McDonald Islands, South Georgia and the South Sandwich Islands, the French Southern
 * Territories and the US Minor Outlying Islands. They stay valid codes (data from elsewhere may carry them); pickers
 * just do not offer them.
 */
const uninhabited = new Set(['AQ', 'BV', 'HM', 'GS', 'TF', 'UM']);

/** Every inhabited ISO country, sorted by its name in the locale, for select boxes (cached per locale; do not mutate). */
export function countryOptions(locale: string): readonly CountryOption[] {
  let options = sortedCache.get(locale);
  if (!options) {
    options = sortOptions(
      iso3166Alpha2.filter((code) => !uninhabited.has(code)),
      locale,
    );
    sortedCache.set(locale, options);
  }
  return options;
}

/** The member and candidate countries only, sorted by name in the locale. */
export function officeCountryOptions(locale: string): CountryOption[] {
  return sortOptions(
    officeCountries.map((c) => c.code),
    locale,
  );
}
