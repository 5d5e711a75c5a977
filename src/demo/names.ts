/** Per-country name pools for the fictional demo notices: given and family names combined at random, never a real record. */

/**
 * Compact notation, parsed by `parseName`:
 * - `Latin` for a Latin-script name;
 * - `Latin=Original` adds the form in the original script;
 * - `~Alt` (repeatable) adds alternative transliterations or spellings, used for aliases;
 * - for family names, `male|female` gives the gendered forms (Slavic, Baltic, Greek).
 */
export type NamePool = {
  /** Key of the pool: a country code, or a community name for diaspora pools. */
  key: string;
  /** Nationality candidates; the first is the usual one. */
  nationalities: string[];
  /** Upper-case three-letter language codes. */
  languages: string[];
  male: string[];
  female: string[];
  family: string[];
  places: string[];
  /** Relative share of the demo set. */
  weight: number;
};

export type ParsedName = { latin: string; original: string | null; alternatives: string[] };

export function parseName(spec: string): ParsedName {
  const [main = '', ...alternatives] = spec.split('~');
  const [latin = '', original] = main.split('=');
  return { latin, original: original ?? null, alternatives };
}

/** The male or female form of a family-name spec. */
export function familyForm(spec: string, sex: 'M' | 'F'): ParsedName {
  const [male = spec, female = male] = spec.split('|');
  return parseName(sex === 'M' ? male : female);
}

export const namePools: readonly NamePool[] = [
  {
    key: 'PL', nationalities: ['PL'], languages: ['POL'], weight: 12,
    male: ['Grzegorz', 'Łukasz', 'Paweł', 'Wojciech', 'Przemysław', 'Jędrzej', 'Maciej', 'Tomasz', 'Zbigniew'],
    female: ['Małgorzata', 'Agnieszka', 'Żaneta', 'Katarzyna', 'Jadwiga', 'Bożena', 'Grażyna'],
    family: ['Wiśniewski|Wiśniewska', 'Wójcik', 'Kowalczyk', 'Zieliński|Zielińska', 'Szymański|Szymańska', 'Woźniak',
      'Dąbrowski|Dąbrowska', 'Kaczmarek', 'Grzybowski|Grzybowska', 'Łęcki|Łęcka', 'Pietrzak', 'Sobczyk'],
    places: ['Łódź', 'Kraków', 'Gdańsk', 'Poznań', 'Wrocław', 'Białystok', 'Szczecin'],
  },
  {
    key: 'CZ', nationalities: ['CZ', 'SK'], languages: ['CZE'], weight: 7,
    male: ['Jiří', 'Tomáš', 'Lukáš', 'Ondřej', 'Vojtěch', 'Radek', 'Přemysl'],
    female: ['Kateřina', 'Lucie', 'Markéta', 'Zdeňka', 'Jana', 'Věra'],
    family: ['Dvořák|Dvořáková', 'Novotný|Novotná', 'Černý|Černá', 'Procházka|Procházková', 'Kučera|Kučerová',
      'Růžička|Růžičková', 'Veselý|Veselá', 'Šťastný|Šťastná'],
    places: ['Brno', 'Ostrava', 'Plzeň', 'České Budějovice', 'Olomouc', 'Ústí nad Labem'],
  },
  {
    key: 'SK', nationalities: ['SK', 'CZ'], languages: ['SLO', 'HUN'], weight: 5,
    male: ['Ľubomír', 'Marek', 'Dušan', 'Matej', 'Ľuboš', 'Štefan'],
    female: ['Ľudmila', 'Zuzana', 'Veronika', 'Andrea', 'Mária'],
    family: ['Horváth|Horváthová', 'Kováč|Kováčová', 'Baláž|Balážová', 'Šimko|Šimková', 'Lukáč|Lukáčová', 'Tóth|Tóthová'],
    places: ['Košice', 'Žilina', 'Prešov', 'Banská Bystrica', 'Nitra'],
  },
  {
    key: 'HU', nationalities: ['HU', 'RO', 'SK'], languages: ['HUN'], weight: 7,
    male: ['László', 'György', 'Zoltán', 'Gábor', 'Ferenc', 'Bálint', 'Ödön'],
    female: ['Erzsébet', 'Zsófia', 'Katalin', 'Ildikó', 'Réka', 'Enikő'],
    family: ['Nagy', 'Kovács', 'Szabó', 'Tóth', 'Varga', 'Fekete', 'Szűcs', 'Balogh', 'Lőrincz', 'Fodor'],
    places: ['Debrecen', 'Szeged', 'Pécs', 'Győr', 'Miskolc', 'Kecskemét'],
  },
  {
    key: 'RO', nationalities: ['RO', 'MD'], languages: ['RUM'], weight: 8,
    male: ['Ionuț', 'Mihai', 'Ștefan', 'Răzvan', 'Bogdan', 'Cătălin', 'Costel'],
    female: ['Ioana', 'Alexandra', 'Mădălina', 'Bianca', 'Elena', 'Ștefania'],
    family: ['Popescu', 'Ionescu', 'Dumitrescu', 'Stănescu', 'Rădulescu', 'Constantinescu', 'Păunescu', 'Zamfir'],
    places: ['Cluj-Napoca', 'Iași', 'Timișoara', 'Constanța', 'Brașov', 'Craiova'],
  },
  {
    key: 'MD', nationalities: ['MD', 'RO'], languages: ['RUM', 'RUS'], weight: 5,
    male: ['Ion', 'Vasile', 'Andrei', 'Dorin', 'Sergiu', 'Veaceslav'],
    female: ['Natalia', 'Olesea', 'Corina', 'Doina', 'Tatiana'],
    family: ['Rusu', 'Ciobanu', 'Ceban', 'Țurcanu', 'Munteanu', 'Lungu', 'Cojocaru', 'Botnari'],
    places: ['Chișinău', 'Bălți', 'Cahul', 'Orhei', 'Ungheni'],
  },
  {
    key: 'HR', nationalities: ['HR', 'BA'], languages: ['HRV'], weight: 6,
    male: ['Ivan', 'Stjepan', 'Krešimir', 'Tomislav', 'Zvonimir', 'Matija', 'Dražen'],
    female: ['Ivana', 'Marija', 'Željka', 'Snježana', 'Dubravka', 'Mirjana'],
    family: ['Horvat', 'Kovačević', 'Babić', 'Marić', 'Jurić', 'Knežević', 'Vuković', 'Šarić', 'Grgić'],
    places: ['Split', 'Rijeka', 'Osijek', 'Zadar', 'Varaždin', 'Slavonski Brod'],
  },
  {
    key: 'SI', nationalities: ['SI'], languages: ['SLV'], weight: 4,
    male: ['Matjaž', 'Uroš', 'Primož', 'Rok', 'Žiga', 'Boštjan'],
    female: ['Nataša', 'Mojca', 'Špela', 'Urška', 'Petra'],
    family: ['Novak', 'Kovačič', 'Krajnc', 'Zupančič', 'Potočnik', 'Mlakar', 'Kos'],
    places: ['Maribor', 'Celje', 'Koper', 'Kranj', 'Novo mesto'],
  },
  {
    key: 'LT', nationalities: ['LT'], languages: ['LIT', 'RUS'], weight: 5,
    male: ['Mindaugas', 'Žydrūnas', 'Darius', 'Gintaras', 'Tomas', 'Vytautas', 'Šarūnas'],
    female: ['Rūta', 'Jurgita', 'Aušra', 'Eglė', 'Dalia', 'Gintarė'],
    family: ['Kazlauskas|Kazlauskienė', 'Petrauskas|Petrauskienė', 'Jankauskas|Jankauskaitė', 'Žukauskas|Žukauskienė',
      'Butkus|Butkutė', 'Paulauskas|Paulauskienė', 'Vaitkus|Vaitkutė'],
    places: ['Kaunas', 'Klaipėda', 'Šiauliai', 'Panevėžys', 'Alytus'],
  },
  {
    key: 'LV', nationalities: ['LV'], languages: ['LAV', 'RUS'], weight: 5,
    male: ['Jānis', 'Andris', 'Māris', 'Edgars', 'Kārlis', 'Uģis'],
    female: ['Ilze', 'Līga', 'Inese', 'Kristīne', 'Dace'],
    family: ['Bērziņš|Bērziņa', 'Kalniņš|Kalniņa', 'Ozoliņš|Ozoliņa', 'Liepiņš|Liepiņa', 'Krūmiņš|Krūmiņa',
      'Zariņš|Zariņa', 'Pētersons|Pētersone'],
    places: ['Daugavpils', 'Liepāja', 'Jelgava', 'Jūrmala', 'Ventspils'],
  },
  {
    key: 'EE', nationalities: ['EE'], languages: ['EST', 'RUS'], weight: 4,
    male: ['Jüri', 'Märt', 'Tõnu', 'Rein', 'Priit', 'Andrus'],
    female: ['Kadri', 'Tiina', 'Mari', 'Kätlin', 'Triin'],
    family: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Õunapuu'],
    places: ['Tartu', 'Pärnu', 'Narva', 'Viljandi', 'Rakvere'],
  },
  {
    key: 'DE', nationalities: ['DE'], languages: ['GER'], weight: 9,
    male: ['Jürgen', 'Matthias', 'Björn', 'Jörg', 'Torsten', 'Uwe', 'Maximilian', 'Sönke'],
    female: ['Sabine', 'Ursula', 'Käthe', 'Annegret', 'Heike', 'Lena', 'Gudrun'],
    family: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler', 'Krüger', 'Schäfer', 'Becker', 'Hoffmann', 'Fuchs', 'Böhm'],
    places: ['Köln', 'München', 'Düsseldorf', 'Nürnberg', 'Leipzig', 'Hamburg', 'Saarbrücken'],
  },
  {
    key: 'AT', nationalities: ['AT'], languages: ['GER'], weight: 4,
    male: ['Florian', 'Lukas', 'Johann', 'Dominik', 'Gerhard'],
    female: ['Theresa', 'Magdalena', 'Verena', 'Elisabeth'],
    family: ['Gruber', 'Huber', 'Wimmer', 'Pichler', 'Moser', 'Steiner', 'Hofbauer', 'Mayrhofer'],
    places: ['Graz', 'Linz', 'Innsbruck', 'Salzburg', 'Klagenfurt am Wörthersee'],
  },
  {
    key: 'FR', nationalities: ['FR'], languages: ['FRE'], weight: 9,
    male: ['François', 'Jérôme', 'Stéphane', 'Cédric', 'Loïc', 'Benoît', 'Hervé', 'Gaël'],
    female: ['Hélène', 'Céline', 'Élodie', 'Gaëlle', 'Maëlle', 'Françoise', 'Anaïs'],
    family: ['Lefèvre', 'Moreau', 'Girard', 'Rousseau', 'Fournier', 'Mercier', 'Bérenger', 'Lemaître', 'Dupré', 'Lacôte'],
    places: ['Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Besançon', 'Saint-Étienne', 'Orléans'],
  },
  {
    key: 'BE', nationalities: ['BE'], languages: ['DUT', 'FRE'], weight: 5,
    male: ['Pieter', 'Wouter', 'Luc', 'Geert', 'Thibault'],
    female: ['Griet', 'Nathalie', 'Lies', 'Sofie', 'Amélie'],
    family: ['Peeters', 'Janssens', 'Maes', 'Claes', 'Dubois', 'Lambert', 'Vandenberghe', 'De Smet', 'Goossens'],
    places: ['Antwerpen', 'Gent', 'Liège', 'Charleroi', 'Namur', 'Leuven'],
  },
  {
    key: 'NL', nationalities: ['NL'], languages: ['DUT'], weight: 5,
    male: ['Joost', 'Sjoerd', 'Bram', 'Maarten', 'Thijs', 'Ruud'],
    female: ['Femke', 'Anouk', 'Sanne', 'Marieke', 'Ilse'],
    family: ['de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'van Dijk', 'de Jong', 'Mulder', 'IJzerman'],
    places: ['Rotterdam', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg'],
  },
  {
    key: 'LU', nationalities: ['LU', 'PT'], languages: ['LTZ', 'FRE', 'GER'], weight: 2,
    male: ['Gilles', 'Claude', 'Jean-Marc', 'Romain'],
    female: ['Martine', 'Nadine', 'Josiane', 'Carole'],
    family: ['Schmit', 'Weber', 'Kremer', 'Wagner', 'Reuter', 'Thill'],
    places: ['Esch-sur-Alzette', 'Differdange', 'Ettelbruck', 'Dudelange'],
  },
  {
    key: 'ES', nationalities: ['ES'], languages: ['SPA'], weight: 9,
    male: ['José Ángel', 'Iñaki', 'Álvaro', 'Rubén', 'Sergio', 'Joaquín', 'Jesús'],
    female: ['Begoña', 'María José', 'Nuria', 'Inés', 'Ainhoa', 'Lucía', 'Pilar'],
    family: ['García Muñoz', 'Fernández Ibáñez', 'Núñez', 'Sánchez Peña', 'Martínez', 'Gómez Iglesias', 'Ortiz', 'Castañeda', 'Domínguez Ruiz'],
    places: ['Zaragoza', 'Sevilla', 'Valencia', 'Bilbao', 'Málaga', 'A Coruña', 'Cádiz'],
  },
  {
    key: 'PT', nationalities: ['PT'], languages: ['POR'], weight: 5,
    male: ['João', 'Gonçalo', 'Tiago', 'Sérgio', 'Rui', 'Luís'],
    female: ['Inês', 'Conceição', 'Joana', 'Beatriz', 'Leonor'],
    family: ['Gonçalves', 'Simões', 'Magalhães', 'Araújo', 'Pereira da Silva', 'Fernandes', 'Guimarães'],
    places: ['Porto', 'Coimbra', 'Braga', 'Setúbal', 'Faro', 'Évora'],
  },
  {
    key: 'IT', nationalities: ['IT'], languages: ['ITA'], weight: 9,
    male: ['Niccolò', 'Giuseppe', 'Gianluca', 'Salvatore', 'Andrea', 'Pietro', 'Raffaele'],
    female: ['Chiara', 'Francesca', 'Giulia', 'Rosaria', 'Ilaria'],
    family: ['Esposito', 'Russo', 'Colombo', 'De Luca', "D'Angelo", 'Romano', 'Ricci', 'Marino', 'Lo Presti', 'Caruso'],
    places: ['Napoli', 'Torino', 'Palermo', 'Bologna', 'Bari', 'Forlì'],
  },
  {
    key: 'IE', nationalities: ['IE'], languages: ['ENG', 'GLE'], weight: 3,
    male: ['Seán', 'Pádraig', 'Ciarán', 'Eoin', 'Darragh'],
    female: ['Siobhán', 'Aoife', 'Niamh', 'Caoimhe', 'Róisín'],
    family: ["O'Sullivan", 'McCarthy', 'Byrne', 'Ó Murchú', 'Fitzgerald', 'Walsh', 'Mac Giolla Phádraig'],
    places: ['Cork', 'Limerick', 'Galway', 'Waterford', 'Sligo'],
  },
  {
    key: 'DK', nationalities: ['DK'], languages: ['DAN'], weight: 3,
    male: ['Søren', 'Jørgen', 'Mads', 'Rasmus', 'Bjørn'],
    female: ['Mette', 'Line', 'Birgitte', 'Signe', 'Sørine'],
    family: ['Jørgensen', 'Sørensen', 'Rasmussen', 'Mikkelsen', 'Thøgersen', 'Kjær', 'Møller'],
    places: ['Aarhus', 'Odense', 'Aalborg', 'Esbjerg', 'Næstved'],
  },
  {
    key: 'SE', nationalities: ['SE'], languages: ['SWE'], weight: 4,
    male: ['Björn', 'Åke', 'Göran', 'Mikael', 'Per', 'Örjan'],
    female: ['Åsa', 'Ingrid', 'Märta', 'Linnéa', 'Karin'],
    family: ['Lindqvist', 'Åberg', 'Sjöberg', 'Ström', 'Bergström', 'Håkansson', 'Öberg'],
    places: ['Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro', 'Jönköping'],
  },
  {
    key: 'FI', nationalities: ['FI'], languages: ['FIN', 'SWE'], weight: 3,
    male: ['Jukka', 'Väinö', 'Mikko', 'Tuomas', 'Antti'],
    female: ['Päivi', 'Sanna', 'Aino', 'Hanna', 'Riikka'],
    family: ['Mäkinen', 'Virtanen', 'Hämäläinen', 'Järvinen', 'Lehtonen', 'Heikkilä', 'Nieminen'],
    places: ['Tampere', 'Turku', 'Oulu', 'Jyväskylä', 'Hämeenlinna'],
  },
  {
    key: 'MT', nationalities: ['MT'], languages: ['MLT', 'ENG'], weight: 2,
    male: ['Ġorġ', 'Ċensu', 'Pawlu', 'Mark', 'Ġużeppi'],
    female: ['Marija', 'Doris', 'Rita', 'Ċettina'],
    family: ['Borg', 'Camilleri', 'Vella', 'Farrugia', 'Zammit', 'Grech', 'Galea'],
    places: ['Birkirkara', 'Qormi', 'Żebbuġ', 'Mosta', 'Żabbar'],
  },
  {
    key: 'CY', nationalities: ['CY'], languages: ['GRE', 'ENG'], weight: 3,
    male: ['Andreas=Ανδρέας', 'Christos=Χρήστος~Hristos', 'Panagiotis=Παναγιώτης~Panayiotis', 'Marios=Μάριος', 'Kyriakos=Κυριάκος~Kiriakos'],
    female: ['Eleni=Ελένη~Helen', 'Maria=Μαρία', 'Androulla=Ανδρούλλα', 'Chrystalla=Χρυστάλλα~Christalla'],
    family: ['Georgiou=Γεωργίου~Yiorgiou', 'Charalambous=Χαραλάμπους~Haralambous', 'Ioannou=Ιωάννου~Ioanou',
      'Constantinou=Κωνσταντίνου~Konstantinou', 'Christodoulou=Χριστοδούλου~Hristodoulou'],
    places: ['Limassol', 'Larnaca', 'Paphos', 'Famagusta'],
  },
  {
    key: 'GR', nationalities: ['GR'], languages: ['GRE'], weight: 7,
    male: ['Georgios=Γεώργιος~Yiorgos~Giorgos', 'Dimitrios=Δημήτριος~Dimitris', 'Konstantinos=Κωνσταντίνος~Kostas~Constantinos',
      'Spyridon=Σπυρίδων~Spiros', 'Evangelos=Ευάγγελος~Vangelis', 'Athanasios=Αθανάσιος~Thanasis'],
    female: ['Aikaterini=Αικατερίνη~Katerina~Ekaterini', 'Vasiliki=Βασιλική~Vassiliki', 'Despoina=Δέσποινα~Despina',
      'Paraskevi=Παρασκευή~Voula', 'Sofia=Σοφία~Sophia'],
    family: ['Papadopoulos=Παπαδόπουλος|Papadopoulou=Παπαδοπούλου', 'Nikolaidis=Νικολαΐδης~Nikolaides|Nikolaidou=Νικολαΐδου',
      'Karagiannis=Καραγιάννης~Karayannis|Karagianni=Καραγιάννη~Karayanni', 'Vlachos=Βλάχος|Vlachou=Βλάχου',
      'Oikonomou=Οικονόμου~Economou', 'Papageorgiou=Παπαγεωργίου~Papayiorgiou', 'Tsakiris=Τσακίρης|Tsakiri=Τσακίρη'],
    places: ['Thessaloniki', 'Patra', 'Irakleio', 'Larisa', 'Volos', 'Ioannina'],
  },
  {
    key: 'BG', nationalities: ['BG'], languages: ['BUL'], weight: 6,
    male: ['Georgi=Георги', 'Dimitar=Димитър~Dimitr', 'Hristo=Христо~Khristo~Christo', 'Stoyan=Стоян~Stojan', 'Todor=Тодор',
      'Yordan=Йордан~Jordan'],
    female: ['Desislava=Десислава', 'Tsvetelina=Цветелина~Cvetelina', 'Radka=Радка', 'Yordanka=Йорданка~Jordanka', 'Galina=Галина'],
    family: ['Petrov=Петров~Petroff|Petrova=Петрова', 'Dimitrov=Димитров~Dimitroff|Dimitrova=Димитрова',
      'Georgiev=Георгиев~Gueorguiev|Georgieva=Георгиева~Gueorguieva', 'Stoyanov=Стоянов~Stojanov|Stoyanova=Стоянова~Stojanova',
      'Zhelyazkov=Желязков~Jeliazkov|Zhelyazkova=Желязкова~Jeliazkova', 'Hristov=Христов~Khristov|Hristova=Христова~Khristova'],
    places: ['Plovdiv', 'Varna', 'Burgas', 'Ruse', 'Stara Zagora', 'Pleven'],
  },
  {
    key: 'RS', nationalities: ['RS'], languages: ['SRP'], weight: 7,
    male: ['Nemanja=Немања', 'Miloš=Милош~Milos', 'Dragan=Драган', 'Željko=Жељко~Zeljko', 'Vuk=Вук', 'Nikola=Никола'],
    female: ['Jelena=Јелена~Yelena', 'Milica=Милица~Militsa', 'Dragana=Драгана', 'Snežana=Снежана~Snezana'],
    family: ['Jovanović=Јовановић~Jovanovic', 'Petrović=Петровић~Petrovic', 'Nikolić=Николић~Nikolic',
      'Đorđević=Ђорђевић~Djordjevic~Dordevic', 'Stojanović=Стојановић~Stojanovic', 'Marković=Марковић~Markovic', 'Ilić=Илић~Ilic'],
    places: ['Novi Sad', 'Niš', 'Kragujevac', 'Subotica', 'Čačak'],
  },
  {
    key: 'ME', nationalities: ['ME', 'RS'], languages: ['CNR', 'SRP'], weight: 3,
    male: ['Marko=Марко', 'Vuksan=Вуксан', 'Balša=Балша~Balsa', 'Radovan=Радован'],
    female: ['Milena=Милена', 'Bojana=Бојана', 'Tijana=Тијана'],
    family: ['Vujović=Вујовић~Vujovic', 'Radulović=Радуловић~Radulovic', 'Popović=Поповић~Popovic', 'Vukčević=Вукчевић~Vukcevic'],
    places: ['Nikšić', 'Bar', 'Cetinje', 'Pljevlja', 'Herceg Novi'],
  },
  {
    key: 'BA', nationalities: ['BA', 'HR'], languages: ['BOS', 'HRV', 'SRP'], weight: 5,
    male: ['Emir', 'Adnan', 'Haris', 'Mirza', 'Senad', 'Damir'],
    female: ['Amra', 'Lejla', 'Selma', 'Emina', 'Aida'],
    family: ['Hodžić', 'Begović', 'Mehmedović', 'Hadžić', 'Delić', 'Omerović', 'Čaušević'],
    places: ['Tuzla', 'Zenica', 'Mostar', 'Banja Luka', 'Bihać'],
  },
  {
    key: 'MK', nationalities: ['MK'], languages: ['MAC', 'ALB'], weight: 4,
    male: ['Aleksandar=Александар~Aleksander', 'Goran=Горан', 'Zoran=Зоран', 'Blagoja=Благоја~Blagoj', 'Kiril=Кирил', 'Dejan=Дејан'],
    female: ['Biljana=Билјана', 'Marija=Марија~Maria', 'Vesna=Весна', 'Kristina=Кристина', 'Elena=Елена'],
    family: ['Stojanovski=Стојановски|Stojanovska=Стојановска', 'Trajkovski=Трајковски~Trajkoski|Trajkovska=Трајковска',
      'Nikolovski=Николовски|Nikolovska=Николовска', 'Petreski=Петрески|Petreska=Петреска',
      'Angelov=Ангелов|Angelova=Ангелова', 'Dimovski=Димовски|Dimovska=Димовска'],
    places: ['Bitola', 'Kumanovo', 'Prilep', 'Ohrid', 'Tetovo', 'Štip'],
  },
  {
    key: 'UA', nationalities: ['UA'], languages: ['UKR', 'RUS'], weight: 9,
    male: ['Oleksandr=Олександр~Aleksandr~Oleksander', 'Serhii=Сергій~Sergei~Serhiy', 'Andrii=Андрій~Andriy~Andrey',
      'Yurii=Юрій~Yuriy~Jurij', 'Mykola=Микола~Nikolai', 'Dmytro=Дмитро~Dmitry', 'Vasyl=Василь~Vasily~Wasyl'],
    female: ['Oksana=Оксана', 'Olena=Олена~Elena', 'Iryna=Ірина~Irina', 'Nataliia=Наталія~Natalia~Nataliya', 'Yuliia=Юлія~Yulia~Julija'],
    family: ['Kovalenko=Коваленко', 'Bondarenko=Бондаренко', 'Tkachenko=Ткаченко~Tkatchenko', 'Kravchuk=Кравчук~Krawtschuk',
      'Melnyk=Мельник~Melnik', 'Hrytsenko=Гриценко~Gritsenko', 'Oliinyk=Олійник~Oleinik~Olijnyk', 'Savchuk=Савчук~Sawczuk',
      // The name the README and API documentation use as their example, so the examples find someone.
      'Shevchenko=Шевченко~Schewtschenko~Chevtchenko'],
    places: ['Kharkiv', 'Lviv', 'Odesa', 'Dnipro', 'Zhytomyr', 'Poltava', 'Chernihiv'],
  },
  {
    key: 'GE', nationalities: ['GE'], languages: ['GEO', 'RUS'], weight: 5,
    male: ['Giorgi=გიორგი~George', 'Davit=დავით~David', 'Levan=ლევან', 'Irakli=ირაკლი~Erekle', 'Zurab=ზურაბ~Zurabi', 'Nikoloz=ნიკოლოზ~Nika'],
    female: ['Nino=ნინო', 'Tamar=თამარ~Tamara', 'Ketevan=ქეთევან~Keti', 'Mariam=მარიამ~Mariami', 'Eka=ეკა~Ekaterine'],
    family: ['Beridze=ბერიძე', 'Kapanadze=კაპანაძე', 'Gelashvili=გელაშვილი~Gelaschwili', 'Maisuradze=მაისურაძე',
      'Lomidze=ლომიძე', 'Japaridze=ჯაფარიძე~Dzhaparidze~Djaparidze', 'Chkheidze=ჩხეიძე~Chkheidse'],
    places: ['Kutaisi', 'Batumi', 'Rustavi', 'Zugdidi', 'Gori', 'Telavi'],
  },
  {
    key: 'TR', nationalities: ['TR', 'DE'], languages: ['TUR'], weight: 8,
    male: ['Mehmet~Mehmed', 'Mustafa', 'Hüseyin~Huseyin~Hussein', 'Emre', 'Oğuz~Oguz', 'Çağlar~Caglar', 'İsmail~Ismail', 'Yiğit~Yigit'],
    female: ['Ayşe~Ayse', 'Gülşen~Gulsen', 'Şule~Sule', 'Özlem~Oezlem', 'Elif', 'Büşra~Busra'],
    family: ['Yılmaz~Yilmaz', 'Kaya', 'Demir', 'Şahin~Sahin', 'Çelik~Celik', 'Öztürk~Ozturk~Oeztuerk', 'Aydın~Aydin',
      'Yıldız~Yildiz', 'Doğan~Dogan', 'Kılıç~Kilic'],
    places: ['İzmir', 'Bursa', 'Gaziantep', 'Trabzon', 'Eskişehir', 'Konya', 'Antalya'],
  },
  {
    key: 'AL', nationalities: ['AL', 'GR', 'IT'], languages: ['ALB'], weight: 5,
    male: ['Arben', 'Besnik', 'Ermal', 'Gëzim~Gezim', 'Flamur', 'Dritan', 'Ilir'],
    female: ['Elira', 'Blerina', 'Mirela', 'Drita', 'Jonida', 'Anila'],
    family: ['Hoxha~Hodja', 'Shehu', 'Çela~Cela', 'Leka', 'Gjoka', 'Marku', 'Dervishi', 'Kola', 'Bregu'],
    places: ['Durrës', 'Shkodër', 'Elbasan', 'Vlorë', 'Korçë', 'Fier'],
  },
  {
    // Names of Arabic origin as written in Western European civil registers: the first spelling is one of several in use.
    key: 'arabic-origin', nationalities: ['FR', 'BE', 'NL', 'ES', 'IT', 'DE', 'SE'], languages: ['ARA'], weight: 9,
    male: ['Mohammed=محمد~Mohamed~Muhammad~Mohammad~Mouhamed', 'Abdelkader=عبد القادر~Abd al-Qadir~Abdulkadir~Abdelkadir',
      'Youssef=يوسف~Yusuf~Youcef~Jusuf~Yousef', 'Karim=كريم~Kareem', 'Rachid=رشيد~Rashid~Rachied', 'Saïd=سعيد~Said~Saeed',
      'Hicham=هشام~Hisham', 'Abderrahmane=عبد الرحمن~Abd ar-Rahman~Abdurrahman'],
    female: ['Fatima=فاطمة~Fatma~Fatimah', 'Khadija=خديجة~Khadidja~Hadija', 'Amina=أمينة~Aminah', 'Nadia=نادية~Nadya',
      'Samira=سميرة~Sameera', 'Leïla=ليلى~Leila~Layla', 'Yasmina=ياسمينة~Yasmine~Jasmina'],
    family: ['El Amrani=العمراني~al-Amrani~Elamrani', 'Benali=بن علي~Ben Ali', 'Bouzid=بوزيد~Bou Zid', 'Haddad=حداد~al-Haddad',
      'El Idrissi=الإدريسي~al-Idrisi~Idrissi', 'Belkacem=بلقاسم~Belgacem~Bel Kacem', 'El Khatib=الخطيب~al-Khatib~Alkhatib',
      'Mansouri=المنصوري~al-Mansuri~Mansoury', 'Abdallah=عبد الله~Abdellah~Abdullah'],
    places: ['Roubaix', 'Molenbeek-Saint-Jean', 'Rotterdam', 'Almería', 'Torino', 'Offenbach am Main', 'Malmö'],
  },
  {
    // Armenian is a minority language in Cyprus and widely spoken in southern Georgia.
    key: 'armenian-origin', nationalities: ['GE', 'CY', 'BG', 'GR'], languages: ['ARM', 'RUS'], weight: 2,
    male: ['Armen=Արմեն', 'Hovhannes=Հովհաննես~Ovanes~Hovannes', 'Tigran=Տիգրան~Dikran', 'Aram=Արամ', 'Karen=Կարեն'],
    female: ['Anahit=Անահիտ', 'Lusine=Լուսինե~Lusineh', 'Gayane=Գայանե~Gayaneh', 'Siranush=Սիրանուշ~Siranoush'],
    family: ['Hakobyan=Հակոբյան~Akopyan~Hagopian', 'Petrosyan=Պետրոսյան~Petrosian', 'Sargsyan=Սարգսյան~Sarkisian~Sargsian',
      'Grigoryan=Գրիգորյան~Grigorian', 'Avetisyan=Ավետիսյան~Avedisian'],
    places: ['Akhalkalaki', 'Ninotsminda', 'Nicosia', 'Plovdiv', 'Thessaloniki'],
  },
];
