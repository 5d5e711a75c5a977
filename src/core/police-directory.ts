/** Real reference data: emergency numbers, police forces and official websites of the EU member and candidate countries. */
import { countryStatus, officeCountries, type CountryStatus, type OfficeCountry } from './countries.ts';

export type EmergencyNumber = { number: string; label: string };

export type PoliceContact = {
  country: OfficeCountry;
  status: CountryStatus;
  emergencyNumbers: EmergencyNumber[];
  /** English name first, the native name in brackets where it differs. */
  policeNames: string[];
  /** Official government or police website; null where no domain could be confirmed. */
  website: string | null;
  /** Where the entry's facts were checked. */
  sourceUrl: string;
  /** Caveats, and 'unknown' for facts that could not be confirmed. */
  sourceNote: string | null;
};

const eu112: EmergencyNumber = { number: '112', label: 'European emergency number (all services)' };
const police = (number: string): EmergencyNumber => ({ number, label: 'Police' });

/** The Commission's page on 112, which states that 112 reaches emergency services in every EU member state. */
export const EU_112_SOURCE = 'https://digital-strategy.ec.europa.eu/en/policies/112';

// Kept deliberately conservative: a national number or website appears only where it is a well-established fact.
export const policeDirectory: readonly PoliceContact[] = [
  {
    country: 'AT', status: 'member', emergencyNumbers: [eu112, police('133')],
    policeNames: ['Federal Police (Bundespolizei)', 'Federal Criminal Police Office (Bundeskriminalamt)'],
    website: 'https://www.polizei.gv.at', sourceUrl: 'https://www.polizei.gv.at', sourceNote: null,
  },
  {
    country: 'BE', status: 'member', emergencyNumbers: [eu112, police('101')],
    policeNames: ['Federal Police (Police fédérale / Federale Politie)', 'Local Police (Police locale / Lokale Politie)'],
    website: 'https://www.police.be', sourceUrl: 'https://www.police.be', sourceNote: null,
  },
  {
    country: 'BG', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Ministry of Interior (Министерство на вътрешните работи)'],
    website: 'https://www.mvr.bg', sourceUrl: EU_112_SOURCE,
    sourceNote: '112 is the single emergency number; no separate national police number recorded.',
  },
  {
    country: 'HR', status: 'member', emergencyNumbers: [eu112, police('192')],
    policeNames: ['Croatian Police, Ministry of the Interior (Ministarstvo unutarnjih poslova)'],
    website: 'https://mup.gov.hr', sourceUrl: 'https://mup.gov.hr', sourceNote: null,
  },
  {
    country: 'CY', status: 'member', emergencyNumbers: [eu112, { number: '199', label: 'Emergency services' }],
    policeNames: ['Cyprus Police (Αστυνομία Κύπρου)'],
    website: 'https://www.police.gov.cy', sourceUrl: 'https://www.police.gov.cy', sourceNote: null,
  },
  {
    country: 'CZ', status: 'member', emergencyNumbers: [eu112, police('158')],
    policeNames: ['Police of the Czech Republic (Policie České republiky)'],
    website: 'https://www.policie.cz', sourceUrl: 'https://www.policie.cz',
    sourceNote: '156 reaches the municipal police where a municipality has one.',
  },
  {
    country: 'DK', status: 'member', emergencyNumbers: [eu112, { number: '114', label: 'Police, non-emergency' }],
    policeNames: ['Danish Police (Politi)'],
    website: 'https://politi.dk', sourceUrl: 'https://politi.dk', sourceNote: null,
  },
  {
    country: 'EE', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Police and Border Guard Board (Politsei- ja Piirivalveamet)'],
    website: 'https://www.politsei.ee', sourceUrl: 'https://www.politsei.ee',
    sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'FI', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Police of Finland (Poliisi / Polisen)'],
    website: 'https://poliisi.fi', sourceUrl: 'https://poliisi.fi', sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'FR', status: 'member', emergencyNumbers: [eu112, police('17')],
    policeNames: ['National Police (Police nationale)', 'National Gendarmerie (Gendarmerie nationale)'],
    website: 'https://www.interieur.gouv.fr', sourceUrl: 'https://www.interieur.gouv.fr', sourceNote: null,
  },
  {
    country: 'DE', status: 'member', emergencyNumbers: [eu112, police('110')],
    policeNames: [
      'Federal Criminal Police Office (Bundeskriminalamt)',
      'Federal Police (Bundespolizei)',
      'State police forces (Landespolizei)',
    ],
    website: 'https://www.bka.de', sourceUrl: 'https://www.bka.de', sourceNote: null,
  },
  {
    country: 'GR', status: 'member', emergencyNumbers: [eu112, police('100')],
    policeNames: ['Hellenic Police (Ελληνική Αστυνομία)'],
    website: 'https://www.astynomia.gr', sourceUrl: 'https://www.astynomia.gr', sourceNote: null,
  },
  {
    country: 'HU', status: 'member', emergencyNumbers: [eu112, police('107')],
    policeNames: ['Hungarian Police (Rendőrség)'],
    website: 'https://www.police.hu', sourceUrl: 'https://www.police.hu', sourceNote: null,
  },
  {
    country: 'IE', status: 'member', emergencyNumbers: [eu112, { number: '999', label: 'Emergency services' }],
    policeNames: ['An Garda Síochána'],
    website: 'https://www.garda.ie', sourceUrl: 'https://www.garda.ie', sourceNote: null,
  },
  {
    country: 'IT', status: 'member', emergencyNumbers: [eu112, police('113')],
    policeNames: ['State Police (Polizia di Stato)', 'Carabinieri (Arma dei Carabinieri)', 'Financial Police (Guardia di Finanza)'],
    website: 'https://www.poliziadistato.it', sourceUrl: 'https://www.poliziadistato.it', sourceNote: null,
  },
  {
    country: 'LV', status: 'member', emergencyNumbers: [eu112, police('110')],
    policeNames: ['State Police (Valsts policija)'],
    website: 'https://www.vp.gov.lv', sourceUrl: 'https://www.cietusajiem.lv/en/what-happend/report-a-crime/calling-110-112/',
    sourceNote: null,
  },
  {
    country: 'LT', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Lithuanian Police (Lietuvos policija)'],
    website: 'https://policija.lrv.lt', sourceUrl: 'https://policija.lrv.lt', sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'LU', status: 'member', emergencyNumbers: [eu112, police('113')],
    policeNames: ['Grand Ducal Police (Police grand-ducale)'],
    website: 'https://police.public.lu', sourceUrl: 'https://police.public.lu', sourceNote: null,
  },
  {
    country: 'MT', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Malta Police Force (Korp tal-Pulizija ta’ Malta)'],
    website: 'https://pulizija.gov.mt', sourceUrl: 'https://pulizija.gov.mt', sourceNote: '112 is the main emergency number.',
  },
  {
    country: 'NL', status: 'member', emergencyNumbers: [eu112, { number: '09008844', label: 'Police, non-emergency (0900-8844)' }],
    policeNames: ['National Police (Politie)', 'Royal Netherlands Marechaussee (Koninklijke Marechaussee)'],
    website: 'https://www.politie.nl', sourceUrl: 'https://www.politie.nl', sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'PL', status: 'member', emergencyNumbers: [eu112, police('997')],
    policeNames: ['Polish Police (Policja)'],
    website: 'https://www.policja.pl', sourceUrl: 'https://www.policja.pl', sourceNote: null,
  },
  {
    country: 'PT', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Public Security Police (Polícia de Segurança Pública)', 'National Republican Guard (Guarda Nacional Republicana)', 'Judicial Police (Polícia Judiciária)'],
    website: 'https://www.psp.pt', sourceUrl: 'https://www.psp.pt', sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'RO', status: 'member', emergencyNumbers: [eu112],
    policeNames: ['Romanian Police (Poliția Română)', 'Romanian Gendarmerie (Jandarmeria Română)'],
    website: 'https://www.politiaromana.ro', sourceUrl: 'https://www.politiaromana.ro', sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'SK', status: 'member', emergencyNumbers: [eu112, police('158')],
    policeNames: ['Police Force of the Slovak Republic (Policajný zbor)'],
    website: 'https://www.minv.sk', sourceUrl: 'https://www.minv.sk', sourceNote: null,
  },
  {
    country: 'SI', status: 'member', emergencyNumbers: [eu112, police('113')],
    policeNames: ['Slovenian Police (Policija)'],
    website: 'https://www.policija.si', sourceUrl: 'https://www.policija.si', sourceNote: null,
  },
  {
    country: 'ES', status: 'member',
    emergencyNumbers: [eu112, { number: '091', label: 'National Police' }, { number: '062', label: 'Civil Guard' }],
    policeNames: ['National Police (Policía Nacional)', 'Civil Guard (Guardia Civil)'],
    website: 'https://www.policia.es', sourceUrl: 'https://www.policia.es',
    sourceNote: 'Regional police forces operate in some autonomous communities.',
  },
  {
    country: 'SE', status: 'member', emergencyNumbers: [eu112, { number: '11414', label: 'Police, non-emergency (114 14)' }],
    policeNames: ['Swedish Police Authority (Polismyndigheten)'],
    website: 'https://polisen.se', sourceUrl: 'https://polisen.se', sourceNote: null,
  },
  {
    country: 'AL', status: 'candidate', emergencyNumbers: [police('129')],
    policeNames: ['Albanian State Police (Policia e Shtetit)'],
    website: 'https://www.asp.gov.al', sourceUrl: 'https://www.asp.gov.al',
    sourceNote: 'Availability of 112: unknown.',
  },
  {
    country: 'BA', status: 'candidate', emergencyNumbers: [police('122')],
    policeNames: [
      'State Investigation and Protection Agency (SIPA)',
      'Police of the Federation of Bosnia and Herzegovina, of Republika Srpska and of Brčko District',
    ],
    website: 'https://www.sipa.gov.ba', sourceUrl: 'https://www.sipa.gov.ba',
    sourceNote: 'Policing is split between state, entity, cantonal and Brčko District forces. Availability of 112: unknown.',
  },
  {
    country: 'GE', status: 'candidate', emergencyNumbers: [eu112],
    policeNames: ['Georgian Police, Ministry of Internal Affairs (შინაგან საქმეთა სამინისტრო)'],
    website: 'https://police.ge', sourceUrl: 'https://police.ge', sourceNote: '112 is the single emergency number.',
  },
  {
    country: 'MD', status: 'candidate', emergencyNumbers: [eu112],
    policeNames: ['General Police Inspectorate (Inspectoratul General al Poliției)'],
    website: null, sourceUrl: 'https://news.yam.md/ro/story/7277830',
    sourceNote: '112 is the national single emergency service. Official website: unknown (not confirmed).',
  },
  {
    country: 'ME', status: 'candidate', emergencyNumbers: [eu112, police('122')],
    policeNames: ['Police Directorate (Uprava policije)'],
    website: null,
    sourceUrl: 'https://en.vijesti.me/news-b/society/693663/mup-citizens-in-the-past-year-292132-called-the-number-for-calls-in-emergency-situations-112',
    sourceNote: '112 has operated nationwide since 2015. Official website: unknown (not confirmed).',
  },
  {
    country: 'MK', status: 'candidate', emergencyNumbers: [eu112, police('192')],
    policeNames: ['Police, Ministry of Internal Affairs (Министерство за внатрешни работи)'],
    website: 'https://mvr.gov.mk', sourceUrl: 'https://mvr.gov.mk', sourceNote: '112 introduced in 2022.',
  },
  {
    country: 'RS', status: 'candidate', emergencyNumbers: [police('192')],
    policeNames: ['Police of Serbia, Ministry of Internal Affairs (Полиција, Министарство унутрашњих послова)'],
    website: 'https://www.mup.gov.rs', sourceUrl: 'https://www.mup.gov.rs',
    sourceNote: 'An integrated 112 service: unknown (not confirmed as operational).',
  },
  {
    country: 'TR', status: 'candidate', emergencyNumbers: [eu112, police('155'), { number: '156', label: 'Gendarmerie' }],
    policeNames: ['General Directorate of Security (Emniyet Genel Müdürlüğü)', 'Gendarmerie General Command (Jandarma Genel Komutanlığı)'],
    website: 'https://www.egm.gov.tr', sourceUrl: 'https://www.egm.gov.tr',
    sourceNote: 'Since 2021 emergency calls, including to 155 and 156, are handled by the 112 call centres.',
  },
  {
    country: 'UA', status: 'candidate', emergencyNumbers: [eu112, police('102')],
    policeNames: ['National Police of Ukraine (Національна поліція України)'],
    website: 'https://www.npu.gov.ua', sourceUrl: 'https://www.npu.gov.ua', sourceNote: null,
  },
];

/** Every problem with a directory: missing or duplicate countries, wrong status, non-digit numbers, non-https URLs. */
export function validatePoliceDirectory(entries: readonly PoliceContact[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(e.country, (seen.get(e.country) ?? 0) + 1);
  for (const { code } of officeCountries) {
    const n = seen.get(code) ?? 0;
    if (n !== 1) problems.push(`${code}: ${n} entries, expected exactly one`);
  }
  for (const e of entries) {
    const status = countryStatus(e.country);
    if (status === null) problems.push(`${e.country}: not a member or candidate country`);
    else if (status !== e.status) problems.push(`${e.country}: status ${e.status}, expected ${status}`);
    if (!isHttpsUrl(e.sourceUrl)) problems.push(`${e.country}: source URL missing or not https`);
    if (e.website !== null && !isHttpsUrl(e.website)) problems.push(`${e.country}: website not https`);
    if (e.policeNames.length === 0 && !e.sourceNote?.includes('unknown'))
      problems.push(`${e.country}: no police name and no 'unknown' note`);
    if (e.emergencyNumbers.length === 0 && !e.sourceNote?.includes('unknown'))
      problems.push(`${e.country}: no emergency number and no 'unknown' note`);
    for (const n of e.emergencyNumbers) {
      if (!/^\d{2,12}$/.test(n.number)) problems.push(`${e.country}: number '${n.number}' is not digits only`);
      if (n.label.trim() === '') problems.push(`${e.country}: number ${n.number} has no label`);
    }
    if (e.status === 'member' && !e.emergencyNumbers.some((n) => n.number === '112'))
      problems.push(`${e.country}: EU member without 112`);
  }
  return problems;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export type StoredPoliceContact = Omit<PoliceContact, 'country'> & { country: string; updatedAt: string };
