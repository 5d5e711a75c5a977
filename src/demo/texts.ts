/** Fictional charge, disappearance and description texts for demo notices, each visibly marked as demonstration material. */
import type { CrimeCategory } from '../core/crime-categories.ts';

export const FICTIONAL_MARK = '(fictional demonstration record)';

type Template = (city: string) => string;

/** English charge texts for the categories the demo set uses, with how often each is drawn. */
export const chargeTemplates: readonly (readonly [CrimeCategory, number, Template])[] = [
  ['fraud', 14, (c) => `Suspected of running a fictional investment scheme from ${c} that took savings from several hundred people`],
  ['swindling', 8, (c) => `Alleged to have taken advance payments for holiday flats near ${c} that never existed`],
  ['trafficking_narcotics', 14, (c) => `Suspected of organising the transport of cannabis resin and cocaine through ${c}`],
  ['organised_armed_robbery', 10, (c) => `Suspected of taking part in an armed robbery of a jewellery shop in ${c}`],
  ['money_laundering', 9, (c) => `Suspected of laundering proceeds of crime through shell companies registered in ${c}`],
  ['murder_grievous_bodily_injury', 8, (c) => `Suspected of causing grievous bodily injury during a fight outside a bar in ${c}`],
  ['computer_related_crime', 7, (c) => `Suspected of running a phishing campaign against customers of a fictional bank in ${c}`],
  ['trafficking_stolen_vehicles', 7, (c) => `Suspected of moving stolen high-value cars from ${c} to buyers abroad`],
  ['participation_criminal_organisation', 9, (c) => `Suspected of belonging to a fictional criminal group active in ${c}`],
  ['trafficking_human_beings', 4, (c) => `Suspected of recruiting workers with false promises and exploiting them on farms near ${c}`],
  ['facilitation_unauthorised_entry', 5, (c) => `Suspected of smuggling people across the border in lorries leaving ${c}`],
  ['corruption', 4, (c) => `Suspected of paying bribes to obtain public works contracts in ${c}`],
  ['forgery_administrative_documents', 5, (c) => `Suspected of producing forged identity cards in a workshop in ${c}`],
  ['forgery_means_of_payment', 5, (c) => `Suspected of fitting card skimmers to cash machines in ${c}`],
  ['counterfeiting_currency', 3, (c) => `Suspected of putting counterfeit euro banknotes into circulation in ${c}`],
  ['kidnapping_hostage_taking', 2, (c) => `Suspected of holding a business partner against his will for two days in ${c}`],
  ['arson', 3, (c) => `Suspected of setting fire to a warehouse in ${c} to claim the insurance`],
  ['trafficking_weapons', 4, (c) => `Suspected of selling converted blank-firing pistols in ${c}`],
  ['trafficking_cultural_goods', 2, (c) => `Suspected of selling icons stolen from a church near ${c}`],
  ['environmental_crime', 2, (c) => `Suspected of dumping hazardous waste in a quarry near ${c}`],
  ['racketeering_extortion', 4, (c) => `Suspected of extorting protection money from restaurant owners in ${c}`],
  ['counterfeiting_piracy_products', 2, (c) => `Suspected of selling counterfeit medicines from a warehouse in ${c}`],
  ['terrorism', 1, (c) => `Suspected of collecting money in ${c} for a fictional armed group`],
];

/** The marker in each language of the original-language charge texts. */
const markIn: Record<string, string> = {
  de: '(fiktiver Demonstrationsdatensatz)',
  fr: '(fiche de démonstration fictive)',
  pl: '(fikcyjny rekord demonstracyjny)',
  es: '(registro ficticio de demostración)',
  it: '(scheda dimostrativa fittizia)',
};

/** Which language an issuing country's original charge texts are in. */
export const chargeLanguageOf: Readonly<Record<string, string>> = { DE: 'de', AT: 'de', FR: 'fr', BE: 'fr', LU: 'fr', PL: 'pl', ES: 'es', IT: 'it' };

const originalTemplates: Record<string, Partial<Record<CrimeCategory, Template>>> = {
  de: {
    fraud: (c) => `Verdacht des gewerbsmäßigen Betrugs mit erfundenen Kapitalanlagen in ${c}`,
    trafficking_narcotics: (c) => `Verdacht des Handeltreibens mit Betäubungsmitteln in nicht geringer Menge in ${c}`,
    organised_armed_robbery: (c) => `Verdacht des schweren Raubes auf ein Juweliergeschäft in ${c}`,
    money_laundering: (c) => `Verdacht der Geldwäsche über Scheinfirmen in ${c}`,
    murder_grievous_bodily_injury: (c) => `Verdacht der schweren Körperverletzung vor einer Gaststätte in ${c}`,
    trafficking_stolen_vehicles: (c) => `Verdacht der bandenmäßigen Hehlerei mit gestohlenen Fahrzeugen aus ${c}`,
  },
  fr: {
    fraud: (c) => `Escroquerie en bande organisée portant sur des placements fictifs à ${c}`,
    trafficking_narcotics: (c) => `Trafic de stupéfiants en bande organisée à ${c}`,
    organised_armed_robbery: (c) => `Vol à main armée dans une bijouterie de ${c}`,
    money_laundering: (c) => `Blanchiment du produit d’un crime par des sociétés écrans à ${c}`,
    murder_grievous_bodily_injury: (c) => `Violences volontaires ayant entraîné une infirmité permanente à ${c}`,
    trafficking_stolen_vehicles: (c) => `Recel en bande organisée de véhicules volés à ${c}`,
  },
  pl: {
    fraud: (c) => `Oszustwo na szkodę wielu osób przy fikcyjnych inwestycjach w mieście ${c}`,
    trafficking_narcotics: (c) => `Udział w obrocie znaczną ilością środków odurzających w mieście ${c}`,
    organised_armed_robbery: (c) => `Rozbój z użyciem broni na sklep jubilerski w mieście ${c}`,
    money_laundering: (c) => `Pranie pieniędzy za pośrednictwem spółek fasadowych w mieście ${c}`,
    murder_grievous_bodily_injury: (c) => `Spowodowanie ciężkiego uszczerbku na zdrowiu w mieście ${c}`,
    trafficking_stolen_vehicles: (c) => `Paserstwo skradzionych pojazdów w mieście ${c}`,
  },
  es: {
    fraud: (c) => `Estafa continuada mediante inversiones ficticias en ${c}`,
    trafficking_narcotics: (c) => `Delito contra la salud pública por tráfico de drogas en ${c}`,
    organised_armed_robbery: (c) => `Robo con violencia e intimidación en una joyería de ${c}`,
    money_laundering: (c) => `Blanqueo de capitales a través de sociedades pantalla en ${c}`,
    murder_grievous_bodily_injury: (c) => `Lesiones graves causadas en una reyerta en ${c}`,
    trafficking_stolen_vehicles: (c) => `Receptación de vehículos robados en ${c}`,
  },
  it: {
    fraud: (c) => `Truffa aggravata mediante investimenti fittizi a ${c}`,
    trafficking_narcotics: (c) => `Traffico di sostanze stupefacenti a ${c}`,
    organised_armed_robbery: (c) => `Rapina a mano armata in una gioielleria di ${c}`,
    money_laundering: (c) => `Riciclaggio tramite società di comodo a ${c}`,
    murder_grievous_bodily_injury: (c) => `Lesioni personali gravissime durante una rissa a ${c}`,
    trafficking_stolen_vehicles: (c) => `Ricettazione di veicoli rubati a ${c}`,
  },
};

/** The charge in its original language, marked as fictional in that language, or null when none is written. */
export function originalCharge(lang: string, category: CrimeCategory, city: string): string | null {
  const template = originalTemplates[lang]?.[category];
  const mark = markIn[lang];
  return template && mark ? `${template(city)} ${mark}` : null;
}

export const missingCircumstances: readonly Template[] = [
  (c) => `Left home in ${c} on foot in the evening and did not return`,
  (c) => `Was last seen at the bus station in ${c}; the family reported the disappearance the next day`,
  (c) => `Did not arrive at a planned meeting with relatives in ${c}; the phone has been switched off since`,
  (c) => `Left a care home in ${c} without notice and may need medical attention`,
  (c) => `Was last seen boarding an international coach in ${c}`,
  (c) => `Went walking in the hills near ${c} and did not come back`,
  (c) => `Left a shared flat in ${c} after an argument, taking only a small rucksack`,
];

export const minorCircumstances: readonly Template[] = [
  (c) => `Did not come home from school in ${c}`,
  (c) => `Left a youth care centre in ${c} at night; may be travelling with an older acquaintance`,
];

export const distinguishingMarks: readonly string[] = [
  'Scar across the left eyebrow',
  'Tattoo of a compass on the right wrist',
  'Tattoo of a swallow on the neck, left side',
  'Walks with a slight limp (right leg)',
  'Birthmark on the left cheek',
  'Missing upper front tooth',
  'Tattooed initials on the fingers of the left hand',
  'Burn scar on the back of the right hand',
  'Pierced eyebrow',
  'Wears thick glasses',
];
