/** The 32 offence categories of Article 2(2) of Framework Decision 2002/584/JHA (European Arrest Warrant), with stable codes. */

/** Codes in the order of the Framework Decision; stored in notice_charges.crime_category, never renamed. */
export const crimeCategoryCodes = [
  'participation_criminal_organisation',
  'terrorism',
  'trafficking_human_beings',
  'sexual_exploitation_children',
  'trafficking_narcotics',
  'trafficking_weapons',
  'corruption',
  'fraud',
  'money_laundering',
  'counterfeiting_currency',
  'computer_related_crime',
  'environmental_crime',
  'facilitation_unauthorised_entry',
  'murder_grievous_bodily_injury',
  'trade_human_organs',
  'kidnapping_hostage_taking',
  'racism_xenophobia',
  'organised_armed_robbery',
  'trafficking_cultural_goods',
  'swindling',
  'racketeering_extortion',
  'counterfeiting_piracy_products',
  'forgery_administrative_documents',
  'forgery_means_of_payment',
  'trafficking_hormonal_substances',
  'trafficking_nuclear_materials',
  'trafficking_stolen_vehicles',
  'rape',
  'arson',
  'crimes_international_criminal_court',
  'unlawful_seizure_aircraft_ships',
  'sabotage',
] as const;

export type CrimeCategory = (typeof crimeCategoryCodes)[number];

/** English labels, worded as in the Framework Decision (the long fraud and environment wording shortened to its core). */
export const crimeCategoryLabels: Readonly<Record<CrimeCategory, string>> = {
  participation_criminal_organisation: 'Participation in a criminal organisation',
  terrorism: 'Terrorism',
  trafficking_human_beings: 'Trafficking in human beings',
  sexual_exploitation_children: 'Sexual exploitation of children and child pornography',
  trafficking_narcotics: 'Illicit trafficking in narcotic drugs and psychotropic substances',
  trafficking_weapons: 'Illicit trafficking in weapons, munitions and explosives',
  corruption: 'Corruption',
  fraud: 'Fraud, including fraud affecting the financial interests of the European Union',
  money_laundering: 'Laundering of the proceeds of crime',
  counterfeiting_currency: 'Counterfeiting currency, including of the euro',
  computer_related_crime: 'Computer-related crime',
  environmental_crime:
    'Environmental crime, including illicit trafficking in endangered animal species and endangered plant species and varieties',
  facilitation_unauthorised_entry: 'Facilitation of unauthorised entry and residence',
  murder_grievous_bodily_injury: 'Murder, grievous bodily injury',
  trade_human_organs: 'Illicit trade in human organs and tissue',
  kidnapping_hostage_taking: 'Kidnapping, illegal restraint and hostage-taking',
  racism_xenophobia: 'Racism and xenophobia',
  organised_armed_robbery: 'Organised or armed robbery',
  trafficking_cultural_goods: 'Illicit trafficking in cultural goods, including antiques and works of art',
  swindling: 'Swindling',
  racketeering_extortion: 'Racketeering and extortion',
  counterfeiting_piracy_products: 'Counterfeiting and piracy of products',
  forgery_administrative_documents: 'Forgery of administrative documents and trafficking therein',
  forgery_means_of_payment: 'Forgery of means of payment',
  trafficking_hormonal_substances: 'Illicit trafficking in hormonal substances and other growth promoters',
  trafficking_nuclear_materials: 'Illicit trafficking in nuclear or radioactive materials',
  trafficking_stolen_vehicles: 'Trafficking in stolen vehicles',
  rape: 'Rape',
  arson: 'Arson',
  crimes_international_criminal_court: 'Crimes within the jurisdiction of the International Criminal Court',
  unlawful_seizure_aircraft_ships: 'Unlawful seizure of aircraft or ships',
  sabotage: 'Sabotage',
};

const codes = new Set<string>(crimeCategoryCodes);

export function isCrimeCategory(code: string): code is CrimeCategory {
  return codes.has(code);
}

/** The i18n catalog key of a category's label (labels in src/i18n/messages/<lang>.json). */
export const crimeCategoryMessageKey = (code: CrimeCategory): string => `crime.${code}`;
