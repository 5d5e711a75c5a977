/** Given-name variant groups: formal, short and cross-language forms of the same name, written as folded ASCII. */
import { foldLatin } from './fold.ts';

/**
 * One line per group, members separated by spaces. A name may sit in several groups (e.g. "jan" is both Johannes and
 * Jan/Ian). Gendered forms are deliberately in separate groups, because Ivan and Ivana are different people.
 */
const GROUPS_TEXT = `
aleksandr aleksander alexander alexandre alessandro alejandro alexandr oleksandr oleksander aleksandar aliaksandr aliaksandar sasha sascha sacha alex alek olek oles sandro iskander iskandar
aleksandra alexandra alessandra alejandra oleksandra sasha sascha alex sandra
aleksei alexei alexey aleksey oleksii oleksiy alexis alexios aliaksei
william bill billy will willy wilhelm willem guillaume guillermo guglielmo vilhelm vilem liam
robert bob bobby rob robbie roberto roberta
richard rick ricky dick rich ricardo riccardo rikard
edward ed eddie ted teddy eduard eduardo edoardo edvard
theodore ted teddy theo fyodor fedor feodor teodor theodor todor
james jim jimmy jamie jacques jaime diego giacomo jakub jakob jacob yakov yaakov iakov yakub yaqub yakup
john jack johnny johann johannes jan jean juan giovanni joao ivan ioan ion ioannis yiannis janos hans jens ian sean shane evan yahya
ivan vanya iwan
joseph joe joey josef jozef jose giuseppe yosef yusuf yousef youssef yousif yusif osip iosif josip jozsef beppe pepe
mohammed muhammad mohamed mohammad muhammed mohamad mahomed mehmet mehmed mohd muhamad mamadou mamed magomed muhammet
ahmed ahmad achmed ahmet akhmed akhmad
mahmoud mahmud mahmood makhmud
mustafa mostafa moustafa mustapha mostapha
hussein husain hussain husayn hossein huseyn huseyin gusein
hassan hasan hasun gasan
ali aly
omar umar omer omar oumar
othman uthman osman usman othmane
osama usama oussama usamah
abdullah abdallah abdulla abdellah abdala
abdulaziz abdelaziz abdul-aziz
abdulrahman abdelrahman abdurrahman abdurakhman abderrahmane abdul-rahman
yusuf joseph
ibrahim ebrahim abraham avraham ibragim abram
ismail ismael ismayil isma'il
suleiman sulaiman sulayman suleyman soliman solomon shlomo
musa moses moshe moise mose
isa jesus yeshua
yahya john
daud dawud davud david dawit dovid
khalid khaled halid
walid waleed valid
said saeed saiid sayed sayid
nikolai nikolay mykola nicholas nick nicolas nicola niccolo nikola miklos klaus niklas nils
mikhail michael mykhailo mihail michel miguel michele mikael mikkel mihaly misha mike mick michal mikhael
dmitry dmitri dmytro dimitri dimitrios dimitar demetrios dima
sergei sergey serhii serhiy sergio serge sergiu serghei
vladimir volodymyr wladimir wlodzimierz uladzimir vladimiro volodya vova
yevgeny evgeny evgeni yevgen yevhen eugene eugen eugenio evgenii zhenya
grigory grigoriy hryhoriy gregory gregor gregorio gregoire grzegorz
georgy georgiy george georg giorgi giorgio jorge jurgen yuri yury iurii yuriy jerzy juri
pyotr petr petro peter pierre pedro pietro piotr petar pieter pete petros
pavel paul pavlo paolo pablo pawel pal paulo
andrei andrey andriy andrew andreas andre andrea andres andrzej andrija andy
konstantin kostiantyn constantin constantine costantino konstantinos kostas
stepan stefan stephen steven stephane esteban stefano szczepan stepane steve
maxim maksim maksym maximilian massimo max
anatoly anatolii anatoliy
viktor victor wiktor vittorio
boris borys
igor ihor ingvar
oleg oleh helge
roman romano
yaroslav jaroslav jaroslaw
leonid leonidas
mikael michael
elizabeth elisabeth elisabetta isabel isabella elizaveta yelizaveta liz lisa beth betty eliza elsa ilse
maria mariya mariia mary marie mariam maryam miriam marija marya masha mascha
catherine katherine kathryn ekaterina yekaterina kateryna caterina catalina katarzyna katharina kate katie katya kasia
anna ana hanna hannah ann anne anya anka
helen helena elena yelena olena jelena ellen elaine hélène ilona
olga olha helga
natalia natalya nataliya natalie nathalie natasha
tatiana tatyana tetiana tatjana tanya
irina iryna irene irena
julia yulia yuliya iuliia julie giulia julija
sophia sofia sofiya sophie zofia
margaret margarita marguerite margherita malgorzata rita greta maggie meg peggy
francis francisco francesco franz frantisek franciszek frank francois frans paco
charles carl karl carlos carlo karel karol chuck charlie
henry heinrich henri enrique enrico henryk hendrik harry hank
louis ludwig luis luigi ludovic lewis lajos ludvig
frederick friedrich frederic federico fryderyk fritz fred freddie
benjamin ben benny binyamin bibi veniamin
thomas tom tommy tomas tomasz tommaso foma tamas
matthew matthias mathias matteo mateo mateusz matvei matvey matej mathieu matt
daniel dan danny daniil danylo daniele
samuel sam sammy shmuel samuele
nathaniel nathan nate natan
christopher chris kristof krzysztof christoph cristoforo cristobal
anthony tony antonio anton antoine antoni antonin antonis
lawrence laurence larry lorenzo laurent lorenz wawrzyniec
patrick pat patrice patrizio padraig
timothy tim timofei timofey tymofiy
gerald gerry gerard gerhard
edmund edmond ted
kenneth ken kenny
leonard leo leonardo leon lev lyova
martin martino martyn marten
jerome jeronimo geronimo hieronymus
augustine agustin agostino augustin avgustin
raymond ramon raimondo raimund
walter walther gualtiero
arthur artur arturo
albert alberto adalbert wojciech
hugh hugo hugues ugo
eleanor eleonora leonor nora
susan susanna suzanne susana zuzana suzy sue
jennifer jenny jen
rebecca rivka becky
sarah sara sarra sora
rachel rahel rachele
deborah debora debbie
dorothy dorothea dora dot
abigail abby gail
victoria viktoria vittoria vicky
patricia patrizia pat patty tricia
xavier javier xabier
ignatius ignacio ignazio ignacy
guy guido
jerzy george
`;

export type VariantGroups = {
  /** Group ids for a folded name; empty when the name is in no group. */
  groupsOf(name: string): readonly number[];
  /** Members of a group, for candidate generation. */
  membersOf(group: number): readonly string[];
};

function buildGroups(text: string): VariantGroups {
  const byName = new Map<string, number[]>();
  const members: string[][] = [];
  for (const line of text.split('\n')) {
    const names = [...new Set(line.trim().split(/\s+/).map((n) => foldLatin(n).replace(/[^a-z]/g, '')).filter((n) => n.length > 0))];
    if (names.length < 2) continue;
    const id = members.length;
    members.push(names);
    for (const name of names) {
      const list = byName.get(name);
      if (list) list.push(id);
      else byName.set(name, [id]);
    }
  }
  const empty: readonly number[] = [];
  return {
    groupsOf: (name) => byName.get(name) ?? empty,
    membersOf: (group) => members[group] ?? [],
  };
}

export const variantGroups: VariantGroups = buildGroups(GROUPS_TEXT);
