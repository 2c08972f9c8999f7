"""Sentence -> expected facts, through the whole pipeline (ingest, spaCy, rules, resolution).

Sentences come from the seeds, from BBC politics articles and from CoNLL04 (train split),
and a few are written in the style of other countries' news. Each row names the fact an
analyst expects, by labels; known misses are xfail with the reason.
"""

from __future__ import annotations

import pytest

from tests.extraction import entities_by_class, graph_of, labelled_facts

xfail = pytest.mark.xfail

EXPECTED_FACTS = [
    # writing, reporting or playing for a body is a tie to it
    ("Robert Fisk writes for the Guardian from Beirut.", ("Robert Fisk", "employedBy", "Guardian")),
    ("Jane Corbin, who reports for the BBC, was in Baghdad.", ("Jane Corbin", "employedBy", "BBC")),
    ("Thierry Henry plays for Arsenal, the London club.", ("Thierry Henry", "memberOf", "Arsenal")),
    # what a killing or a killer's noun names as killed is a person, though NER took it for a place
    (
        "The assassination of Lincoln by John Wilkes Booth shocked the nation.",
        ("John Wilkes Booth", "killed", "Lincoln"),
    ),
    ("Kennedy assassin Lee Harvey Oswald was shot by Jack Ruby.", ("Lee Harvey Oswald", "killed", "Kennedy")),
    # a town NER took for a person, in a run of compounds before a body's people
    ("John Smith was arrested by Gainesville police officers.", ("Gainesville police", "arrested", "John Smith")),
    (
        "Blair said the British government was wrong. This government wants house arrest. This puts it on a par"
        " with the government of Iran.",
        ("government (Iran)", "basedIn", "Iran"),
    ),
    # a name NER took for a body before a region after a comma is the town there
    (
        "One of the men, David Redvers, 34, from Hartpury, Gloucestershire, said he would plead not guilty.",
        ("David Redvers", "livesIn", "Hartpury"),
    ),
    # a name with a title in capitals after it, and an apposition the parser hung on that title
    ("Paul Boateng MP, the chairman of Barclays, said so in London.", ("Paul Boateng", "leaderOf", "Barclays")),
    # a body NER missed, named before a role at it and a person's name
    ("U2 frontman Bono sang the first line in London.", ("Bono", "memberOf", "U2")),
    ("Arsenal FC goalkeeper Jens Lehmann was injured in Munich.", ("Jens Lehmann", "employedBy", "Arsenal FC")),
    # a body, party or person named as another's rival or ally
    ("Pepsi, a rival of Coca-Cola, grew fast in Asia.", ("Coca-Cola", "opponentOf", "Pepsi")),
    (
        "Microsoft continues to lose market share to its open-source rival Mozilla.",
        ("Microsoft", "opponentOf", "Mozilla"),
    ),
    ("Labour's ally, the SDLP, won the seat in Belfast.", ("SDLP", "allyOf", "Labour Party")),
    ("Gordon Brown's rival Tony Blair spoke in London.", ("Gordon Brown", "opponentOf", "Tony Blair")),
    # where a person is from
    ("Mrs. Kiyoko Tsuruyama is from Yatsushiro in southern Japan.", ("Kiyoko Tsuruyama", "livesIn", "Yatsushiro")),
    ("The singer, Mary Byrne, who is from Cork, won the contest.", ("Mary Byrne", "livesIn", "Cork")),
    # a passive clause's subject does the deed of its participle
    (
        "Larry Jinks has been named publisher of the Mercury News, succeeding William A. Ott.",
        ("Larry Jinks", "successorOf", "William A. Ott"),
    ),
    # a country by its everyday short name
    (
        "Bosnia's capital, Sarajevo, is best known for the assassination.",
        ("Sarajevo", "capitalOf", "Bosnia and Herzegovina"),
    ),
    # a verb conjoined in a relative clause has the clause's antecedent for subject
    (
        "Jane Higgins, who is a major in the army and works at the Pentagon, said so.",
        ("Jane Higgins", "employedBy", "Pentagon"),
    ),
    # a name the parser hangs on the body of "the chairman of X" renames the title
    ("The chairman of Barclays, Matt Barrett, said profits rose.", ("Matt Barrett", "leaderOf", "Barclays")),
    # a title in apposition to the name is the subject of the verb
    (
        "In 1890, the 34th President of the United States, Dwight D. Eisenhower, was born in Denison, Texas.",
        ("Dwight D. Eisenhower", "livesIn", "Denison, Texas"),
    ),
    # a person's home in a place, or named by it
    ("Police searched John Smith's home in Leeds on Monday.", ("John Smith", "livesIn", "Leeds")),
    (
        "Talks were held at Mr Kilroy-Silk's Buckinghamshire home on Sunday.",
        ("Kilroy-Silk", "livesIn", "Buckinghamshire"),
    ),
    # an article that names one country only, three times, is plainly about it: a title takes it
    (
        "Immigration will be an election issue in the UK.\n\nHome Secretary Charles Clarke has proposed a points"
        " system for the UK. Critics said it was unfair to Britain.",
        ("Charles Clarke", "holdsPosition", "United Kingdom"),
    ),
    # a country compounded onto the title noun is the office's state; a supposed deed leaves the office held
    (
        "LONDON (Reuters) - The US president, George Bush, would veto the bill, officials said.",
        ("George Bush", "leaderOf", "United States"),
    ),
    # the person a government is named after leads the state the sentence names
    (
        "He received money from Saddam Hussein's regime in Iraq, the paper claimed.",
        ("Saddam Hussein", "leaderOf", "Iraq"),
    ),
    ("Critics of the Blair government in Britain said so.", ("Blair", "leaderOf", "United Kingdom")),
    # a body's name the story gave once is that body where NER missed it again
    (
        "Simon Clark, of the pro-smokers' group Forest, spoke first.\n\nForest director Simon Clark said most people"
        " would be happy with more no-smoking areas.",
        ("Simon Clark", "holdsPosition", "Forest"),
    ),
    (
        "Kenneth Clarke, the Conservative former chancellor, said the party was wrong.",
        ("Kenneth Clarke", "memberOf", "Conservative Party"),
    ),
    ("Labour Home Secretary David Blunkett said so on Monday.", ("David Blunkett", "memberOf", "Labour Party")),
    # the parser hangs a second apposition on a legislator's party designation
    (
        "The Senate Armed Services Committee met. Sen. John McCain, R-Ariz., an Armed Services Committee member,"
        " said the deal was wrong.",
        ("John McCain", "memberOf", "Senate Armed Services Committee"),
    ),
    (
        "George Galloway was expelled from Labour in 2003. Speaking in London at the first conference of his"
        " newly-founded party, the Respect Coalition, Mr Galloway said so.",
        ("George Galloway", "memberOf", "Respect Coalition"),
    ),
    # a body's unit named after the body's possessive is part of it, the two names split apart
    (
        "Two were graduates of the U.S. Army's School of the Americas in Georgia.",
        ("School of the Americas", "partOf", "U.S. Army"),
    ),
    (
        "Michigan State University's Management Education Center in Troy hosts the course.",
        ("Management Education Center", "partOf", "Michigan State University"),
    ),
    ("Alastair Campbell was Tony Blair's right-hand man for a decade.", ("Alastair Campbell", "allyOf", "Tony Blair")),
    # a name hyphened to "-run", "-controlled", "-owned" runs the body; "-backed": an ally
    (
        "The Hamas-run Interior Ministry in Gaza denied the report.",
        ("Hamas", "controls", "Interior Ministry (Palestine)"),
    ),
    ("Hezbollah, the Iranian-backed militia, fired rockets.", ("Hezbollah", "allyOf", "Iran")),
    # a body bought or acquired is controlled by the buyer
    ("Google bought YouTube in 2006 for 1.65 billion dollars.", ("Google", "controls", "YouTube")),
    # the name before an ally's or a rival's noun is the other side
    ("David Miliband, a Tony Blair lieutenant, said so.", ("David Miliband", "allyOf", "Tony Blair")),
    ("Peter Mandelson is a key Tony Blair ally.", ("Peter Mandelson", "allyOf", "Tony Blair")),
    ("Mr Smith, a long-time Labour opponent, said so.", ("Smith", "opponentOf", "Labour Party")),
    # a demonym on any common noun before the name, not only a listed occupation
    ("Brazilian surfer Gabriel Medina won the title.", ("Gabriel Medina", "citizenOf", "Brazil")),
    ("Kenyan runner Paul Tergat won the race.", ("Paul Tergat", "citizenOf", "Kenya")),
    # "committee", "party" in a title before a name stand for the body of that kind named before
    (
        "The Senate Finance Committee met on Monday. Committee chairman Max Baucus said taxes would rise.",
        ("Max Baucus", "leaderOf", "Senate Finance Committee"),
    ),
    (
        "The Green Party met on Monday. Party leader Caroline Lucas said the plan was unfair.",
        ("Caroline Lucas", "leaderOf", "Green Party"),
    ),
    # a body's common noun starting a sentence before a title is no name of its own, but that body
    (
        "The Labour Party met on Monday.\n\nParty chairman Ian McCartney said the plan was fair.",
        ("Ian McCartney", "leaderOf", "Labour Party"),
    ),
    # a party "attacks" another in words
    ("Labour attacked the Green Party on Monday.", ("Labour Party", "opponentOf", "Green Party")),
    # a court's finding of a killing names the killer; a charge does not
    (
        "A jury found Scott Peterson guilty of the murder of his wife Laci Peterson.",
        ("Scott Peterson", "killed", "Laci Peterson"),
    ),
    ("Tom Hale, who was convicted of the murder of Ann Lee, died.", ("Tom Hale", "killed", "Ann Lee")),
    ("The High Court jailed Paul Lane for the murder of Ann Lee.", ("Paul Lane", "killed", "Ann Lee")),
    ("Sirhan was convicted of Kennedy's killing and is serving a life sentence.", ("Sirhan", "killed", "Kennedy")),
    # a capital's demonym names its state, where the gazetteer agrees
    ("Bombs exploded in the Iraqi capital, Baghdad, on Monday.", ("Baghdad", "capitalOf", "Iraq")),
    ("Thousands marched in Lima, the Peruvian capital, on Monday.", ("Lima", "capitalOf", "Peru")),
    # a town before a job in apposition is the person's home; the town, not its state
    ("Maria Costa, a Seattle lawyer, said the appeal would fail.", ("Maria Costa", "livesIn", "Seattle")),
    ("Tom Reyes, a Fresno, California, banker, said rates would rise.", ("Tom Reyes", "livesIn", "Fresno, California")),
    # a past participle's noun underwent the deed, through the common noun in apposition
    ("Ali Haidar, detained by Syria in 2003, was freed last week.", ("Syria", "arrested", "Ali Haidar")),
    (
        "Leyla Zana, a leader of the party jailed by Turkey, spoke on Monday.",
        ("Turkey", "arrested", "Leyla Zana"),
    ),
    # a state body's demonym is its state, though the article never names the country (GUIDELINES.md
    # version 2, basedIn and 2.5, which the annotated corpus follows: "Israeli police", "Malaysian
    # police" are annotated so in news train; FORMAT.md's older reading had no such fact)
    ("Malaysian police arrested two men on Monday.", ("Malaysian police", "basedIn", "Malaysia")),
    ("The Swiss police said the wreck had been found in the lake.", ("Swiss police", "basedIn", "Switzerland")),
    # a demonym before a body's kind before its name; a seat before "-based" and the kind
    ("Brazilian maker Embraer won the contract.", ("Embraer", "basedIn", "Brazil")),
    ("The French bank BNP Paribas failed to comply with the laws.", ("BNP Paribas", "basedIn", "France")),
    ("The UK-based charity Oxfam said aid was slow in Sri Lanka.", ("Oxfam", "basedIn", "United Kingdom")),
    # a sports side's demonym; a body's kind in apposition with its place, the name found from it
    ("Dutch side Ajax beat the visitors in Amsterdam.", ("Ajax", "basedIn", "The Netherlands")),
    ("Kestrel Systems, a Toronto software company, said profits fell.", ("Kestrel Systems", "basedIn", "Toronto")),
    ("Nordbank, a Norwegian bank, was fined on Monday.", ("Nordbank", "basedIn", "Norway")),
    # a second "in" the parser hangs on the verb; a village and county NER missed
    ("The fair was held in Hexham in Northumberland.", ("Hexham", "locatedIn", "Northumberland")),
    (
        "Two sites - Aldbourne in Wiltshire and Hexham in Northumberland - flooded last week.",
        ("Aldbourne", "locatedIn", "Wiltshire"),
    ),
    # a killer's noun where the parser lost the apposition, or compounded onto the killer's name
    (
        "Surgeons operated on Kennedy's assassin, Lee Harvey Oswald, who had been shot.",
        ("Lee Harvey Oswald", "killed", "Kennedy"),
    ),
    ("And William McKinley's assassin Leon Czolgosz croons a ballad.", ("Leon Czolgosz", "killed", "William McKinley")),
    # what the copula says a person is, whatever its noun, and a demonym said of a person
    (
        "Jan Novak (born March 3, 1970) is a retired Czech ice hockey defenceman.",
        ("Jan Novak", "citizenOf", "Czech Republic"),
    ),
    ("Ingrid Dahl was a Swedish Christian democratic politician.", ("Ingrid Dahl", "citizenOf", "Sweden")),
    ("Karl Huber is Austrian, his lawyer said.", ("Karl Huber", "citizenOf", "Austria")),
    # a verb of lying puts a place in another, a body in its seat
    ("Greensfelder Park is located in St. Louis County.", ("Greensfelder Park", "locatedIn", "St. Louis County")),
    ("The Acme Corporation is located in Dayton.", ("Acme Corporation", "basedIn", "Dayton")),
    # a place a place owns, and a site after a comma and "in" before its town and region
    ("Demonstrators gathered in Beijing's Tiananmen Square.", ("Tiananmen Square", "locatedIn", "Beijing")),
    (
        "The three reactors, all at the Savannah River Plant, in Aiken, S.C., have been shut down.",
        ("Savannah River Plant", "locatedIn", "Aiken, South Carolina"),
    ),
    # a noun of home and its owner
    (
        "Jesse Jackson easily won the caucuses in his native South Carolina.",
        ("Jesse Jackson", "livesIn", "South Carolina"),
    ),
    (
        "The society in Beaumont, Texas, Richardson's hometown, plans statues.",
        ("Richardson", "livesIn", "Beaumont, Texas"),
    ),
    ("Michael Henley disappeared near his hometown of Grants, N.M.", ("Michael Henley", "livesIn", "Grants")),
    # a firm's town after its legal form and "of"; the place of a body's headquarters
    ("Kessler Steel Corp. of Pittsburgh said it would appeal.", ("Kessler Steel Corp.", "basedIn", "Pittsburgh")),
    ("Protesters gathered outside Shell's headquarters in The Hague.", ("Shell", "basedIn", "Hague")),
    (
        "At a briefing at NRC headquarters in nearby Rockville, Md., officials spoke.",
        ("NRC", "basedIn", "Rockville, Maryland"),
    ),
    # ... the body in apposition to the kind, or the kind in apposition to it; the model would drop the seat
    ("A New York-based research company, Acme Inc, said sales fell.", ("Acme Inc", "basedIn", "New York")),
    ("Oxfam, the Oxford-based charity, said aid was slow in Sri Lanka.", ("Oxfam", "basedIn", "Oxford")),
    ("The Kenyan government said the rains had failed.", ("Kenyan government", "basedIn", "Kenya")),
    # a party's word in a title before a name: the person is of that party, the office the state's
    ("Democrat Jim Hendry was declared the winner in Oregon.", ("Jim Hendry", "memberOf", "Democratic Party")),
    ("Republican Sen. Dale Morrow of Kansas said no.", ("Dale Morrow", "memberOf", "Republican Party")),
    ("Green MSP Robin Harper said the plan would fail.", ("Robin Harper", "memberOf", "Green Party")),
    # ... or its member's noun said of a person
    ("Senator Dale Morrow, a Republican, said the deal was wrong.", ("Dale Morrow", "memberOf", "Republican Party")),
    ("Dale Morrow is a Republican from Kansas.", ("Dale Morrow", "memberOf", "Republican Party")),
    (
        "The deal is wrong, said the committee's top Democrat, Rep. Jim Hendry of Oregon.",
        ("Jim Hendry", "memberOf", "Democratic Party"),
    ),
    (
        "Ohio Republican Secretary of State Dean Heller said the count was fair.",
        ("Dean Heller", "memberOf", "Republican Party"),
    ),
    # a constituent part's demonym names the part, not the state
    ("The Scottish Parliament voted against the plan.", ("Scottish Parliament", "basedIn", "Scotland")),
    ("The Flemish Interest Institute said turnout fell.", ("Flemish Interest Institute", "basedIn", "Flanders")),
    ("Welsh Health Minister Jane Hutt said waiting lists were falling.", ("Jane Hutt", "holdsPosition", "Wales")),
    # a national office with no state named holds in the department the article names (guidelines 3)
    (
        "Home Secretary David Blunkett was criticised by MPs. The Home Office said the rules would change.",
        ("David Blunkett", "holdsPosition", "Home Office"),
    ),
    (
        "Health Secretary John Reid did not go that far. The Department of Health said so.",
        ("John Reid", "holdsPosition", "Department of Health"),
    ),
    # a cabinet secretary named by a ministry's domain holds the office in the state the sentence names
    (
        "Trade Secretary Patricia Hewitt said the plan would help Britain.",
        ("Patricia Hewitt", "holdsPosition", "United Kingdom"),
    ),
    (
        "Energy Secretary Spencer Abraham said the United States would build more reactors.",
        ("Spencer Abraham", "holdsPosition", "United States"),
    ),
    # a place named "the <container> city of <place>"
    ("Israeli troops entered the West Bank city of Nablus.", ("Nablus", "locatedIn", "West Bank")),
    ("Floods hit the Indian state of Orissa.", ("Orissa", "locatedIn", "India")),
    # a country acts as a state: it invades, occupies and jails (GUIDELINES.md, the deeds of an actor)
    ("Russia invaded Georgia in August 2008.", ("Russia", "attacked", "Georgia")),
    ("Morocco occupied Western Sahara in 1975, the United Nations said.", ("Morocco", "controls", "Western Sahara")),
    # a noun of control or attack: its doer before it, its target after it
    ("Israel's occupation of the West Bank began in 1967.", ("Israel", "controls", "West Bank")),
    ("The US invasion of Iraq was illegal, Kofi Annan said.", ("United States", "attacked", "Iraq")),
    ("The Israeli occupation of Gaza ended in 2005.", ("Israel", "controls", "Gaza")),
    ("Google's takeover of YouTube was approved by regulators.", ("Google", "controls", "YouTube")),
    ("Sir Menzies Campbell's attack on Tony Blair was fierce.", ("Menzies Campbell", "opponentOf", "Tony Blair")),
    # a public body's name that starts with a place says where it is
    ("The Florida Senate approved the secret meetings.", ("Florida Senate", "basedIn", "Florida")),
    ("The Italian Air Force bought four tankers.", ("Italian Air Force", "basedIn", "Italy")),
    ("The Nairobi City Council met on Monday.", ("Nairobi City Council", "basedIn", "Nairobi")),
    ("The Ohio Supreme Court rejected the lawsuit.", ("Ohio Supreme Court", "basedIn", "Ohio")),
    # a body named as a part of another
    ("Sinn Fein, the political wing of the IRA, said it would talk.", ("Sinn Fein", "partOf", "IRA")),
    ("Kmart, a subsidiary of Sears Holdings, said sales fell.", ("Kmart", "partOf", "Sears Holdings")),
    # an abbreviated rank is one token, so the sentence does not end at its full stop
    (
        "U.S. Army Sgt. Paul Kim, 24, of Ohio, was wounded in Kirkuk. The U.S. Army said he would recover.",
        ("Paul Kim", "memberOf", "U.S. Army"),
    ),
    # a person who heads a body leads it; a relative clause's subject is the name it describes
    ("Kofi Annan heads the United Nations.", ("Kofi Annan", "leaderOf", "United Nations")),
    ("Jane Smith, who works for the World Bank, said prices rose.", ("Jane Smith", "employedBy", "World Bank")),
    # a committee named after its chamber, or after the UN
    (
        "The Senate Foreign Relations Committee backed the treaty. The Senate will vote in March.",
        ("Senate Foreign Relations Committee", "partOf", "Senate"),
    ),
    ("The UN Human Rights Council met in Geneva on Monday.", ("UN Human Rights Council", "partOf", "UN")),
    # the parser hangs the wing's name on the sentence's subject
    (
        "Mr Kagame, the head of the RPF's military wing, the Rwandan Patriotic Army, said it would fight.",
        ("Rwandan Patriotic Army", "partOf", "RPF"),
    ),
    # a place's native or resident before a name
    ("The always ebullient Detroit native Steve Ballmer seems bullish.", ("Steve Ballmer", "livesIn", "Detroit")),
    ("Brooklyn resident John Smith, 42, was charged.", ("John Smith", "livesIn", "Brooklyn")),
    # a party a person owns is the party they lead
    (
        "Ian Paisley's Democratic Unionist Party refused to share power.",
        ("Ian Paisley", "leaderOf", "Democratic Unionist Party"),
    ),
    # ... and so is a body, which the typing may take a party for
    (
        "Rupert Murdoch said his News Corporation would buy the paper.",
        ("Rupert Murdoch", "leaderOf", "News Corporation"),
    ),
    # a name in apposition to a person's relation noun; a replacement succeeds, a predecessor precedes
    (
        "Raila Odinga's wife, Ida, spoke in Kisumu. Ida Odinga said the vote was stolen.",
        ("Ida Odinga", "relativeOf", "Raila Odinga"),
    ),
    (
        "Alastair Campbell left in 2003. His replacement David Hill took over.",
        ("David Hill", "successorOf", "Alastair Campbell"),
    ),
    ("Gordon Brown praised his predecessor Kenneth Clarke.", ("Gordon Brown", "successorOf", "Kenneth Clarke")),
    # a noun of conflict or alliance relates the actors it names
    (
        "Raila Odinga's feud with Mwai Kibaki has split the government in Nairobi.",
        ("Raila Odinga", "opponentOf", "Mwai Kibaki"),
    ),
    ("The war between Ethiopia and Eritrea ended in 2000.", ("Ethiopia", "opponentOf", "Eritrea")),
    ("Hu said the strategic partnership between China and Brazil would grow.", ("China", "allyOf", "Brazil")),
    ("Lula proposed an alliance of Brazil, India and South Africa.", ("India", "allyOf", "South Africa")),
    # titles before names
    (
        "President Sooronbai Jeenbekov said the country was facing an attempted coup in Kyrgyzstan.",
        ("Sooronbai Jeenbekov", "leaderOf", "Kyrgyzstan"),
    ),
    (
        "Interior Minister Kashkar Junushaliyev of Kyrgyzstan did not show up for work on Tuesday.",
        ("Kashkar Junushaliyev", "holdsPosition", "Kyrgyzstan"),
    ),
    (
        "Protesters in Kyrgyzstan freed former prime minister Sapar Isakov.",
        ("Sapar Isakov", "leaderOf", "Kyrgyzstan"),
    ),
    (
        "Britain said on Monday that Foreign Secretary Jack Straw will visit Poland. Britain wants closer ties.",
        ("Jack Straw", "holdsPosition", "United Kingdom"),
    ),
    (
        "Tory leader Michael Howard has gone on the offensive.",
        ("Michael Howard", "leaderOf", "Conservative Party"),
    ),
    (
        "Lib Dem leader Charles Kennedy began a nationwide tour.",
        ("Charles Kennedy", "leaderOf", "Liberal Democrats"),
    ),
    (
        "Russian President Vladimir Putin met the German chancellor in Berlin. Russia wants a gas deal.",
        ("Vladimir Putin", "leaderOf", "Russia"),
    ),
    (
        "Liberal Democrat Sarah Teather, the most recent female MP to be elected, told researchers.",
        ("Sarah Teather", "memberOf", "Liberal Democrats"),
    ),
    # appositions and "as"
    (
        "Opposition groups had freed Almazbek Atambayev, a former president of Kyrgyzstan.",
        ("Almazbek Atambayev", "leaderOf", "Kyrgyzstan"),
    ),
    (
        "Kyrgyzstan's ministry said that Kursan Asanov had taken over as acting interior minister.",
        ("Kursan Asanov", "holdsPosition", "Kyrgyzstan"),
    ),
    (
        "Jack Law, chief executive of Alcohol Focus Scotland, said the comment was ill-advised.",
        ("Jack Law", "leaderOf", "Alcohol Focus Scotland"),
    ),
    ("Sir Digby Jones, CBI director general, warned Mr Brown.", ("Digby Jones", "leaderOf", "CBI")),
    (
        "Joni Lovenduski, a professor at Birkbeck College, studies women in politics.",
        ("Joni Lovenduski", "employedBy", "Birkbeck College"),
    ),
    # person at an organisation
    (
        "“The turmoil reflects strong disapproval,” said Kate Mallinson at Prism Political Risk Management.",
        ("Kate Mallinson", "memberOf", "Prism Political Risk Management"),
    ),
    (
        "Linguist Phillip Lieberman of Brown University in Providence was quoted as saying it was unclear.",
        ("Phillip Lieberman", "memberOf", "Brown University"),
    ),
    # family, allies, rivals, succession
    (
        "Mr Jeenbekov's supporters gathered in Osh, where his brother Asylbek Jeenbekov called for order.",
        ("Asylbek Jeenbekov", "relativeOf", "Jeenbekov"),
    ),
    (
        "Michael Howard's ex-model wife, Sandra, is to play a leading role in the campaign.",
        ("Michael Howard", "relativeOf", "Sandra"),
    ),
    (
        "Sooronbai Jeenbekov was Almazbek Atambayev's protege when he succeeded him as president in 2017.",
        ("Almazbek Atambayev", "allyOf", "Sooronbai Jeenbekov"),
    ),
    (
        "Sooronbai Jeenbekov was Almazbek Atambayev's protege when he succeeded him as president in 2017.",
        ("Sooronbai Jeenbekov", "successorOf", "Almazbek Atambayev"),
    ),
    (
        "Almazbek Atambayev, a former president jailed on corruption charges after falling out with Sooronbai Jeenbekov, was freed.",
        ("Almazbek Atambayev", "opponentOf", "Sooronbai Jeenbekov"),
    ),
    # places
    (
        "Protesters broke into the parliament building in the capital Bishkek of Kyrgyzstan.",
        ("Bishkek", "capitalOf", "Kyrgyzstan"),
    ),
    ("Kyrgyzstan borders China and is a close ally of Russia.", ("China", "borders", "Kyrgyzstan")),
    ("Kyrgyzstan borders China and is a close ally of Russia.", ("Kyrgyzstan", "allyOf", "Russia")),
    (
        "The second-largest gold deposit in Kyrgyzstan, Jeruy, was shut down on Tuesday.",
        ("Jeruy", "locatedIn", "Kyrgyzstan"),
    ),
    ("Ludwig Rinn invented the tiny camera in 1938 in Riga, Latvia.", ("Riga", "locatedIn", "Latvia")),
    (
        "A hearing is set Wednesday in federal court in San Antonio, Texas.",
        ("San Antonio, Texas", "locatedIn", "Texas"),
    ),
    ("In 1893, comedian Harold Lloyd was born in Burchard, Nebraska.", ("Harold Lloyd", "livesIn", "Burchard")),
    # institutions and the state they belong to
    (
        "On Tuesday Kyrgyzstan's central election commission said it had invalidated the results.",
        ("central election commission (Kyrgyzstan)", "basedIn", "Kyrgyzstan"),
    ),
    (
        "The Russian embassy to Kyrgyzstan said it supported resolving the situation. Russia has a base there.",
        ("Russian embassy", "basedIn", "Russia"),
    ),
    (
        "Scientists at Centro Nacional de Microelectronica in Barcelona are developing artificial limbs.",
        ("Centro Nacional de Microelectronica", "basedIn", "Barcelona"),
    ),
    (
        "As well as storming the White House, which houses both the president and Parliament, protesters took over buildings in Kyrgyzstan.",
        ("Parliament", "basedIn", "White House"),
    ),
    # events
    (
        "John Wilkes Booth killed Abraham Lincoln out of despondency.",
        ("John Wilkes Booth", "killed", "Abraham Lincoln"),
    ),
    ("Police in Nairobi arrested Peter Kamau on Monday.", ("Police (Kenya)", "arrested", "Peter Kamau")),
    ("Police in Nairobi arrested Peter Kamau on Monday.", ("Police (Kenya)", "basedIn", "Nairobi")),
    (
        "Sirhan Sirhan, a Jordanian immigrant, was convicted of murdering Robert Kennedy.",
        ("Sirhan Sirhan", "killed", "Robert Kennedy"),
    ),
    # the mention typer takes the lone surname for the person it is
    (
        "Sirhan Sirhan, a Jordanian immigrant, was convicted of murdering Kennedy.",
        ("Sirhan Sirhan", "killed", "Kennedy"),
    ),
    (
        "A jury convicted sniper Kenneth Earl Millikan of killing transit employee Peter J. Martinelli.",
        ("Kenneth Earl Millikan", "killed", "Peter J. Martinelli"),
    ),
    (
        "John Wilkes Booth wasn't a shiftless actor who killed Abraham Lincoln out of despondency.",
        ("John Wilkes Booth", "killed", "Abraham Lincoln"),
    ),
    # killings told by a noun
    (
        "James Earl Ray, the convicted assassin of civil rights leader Martin Luther King Jr., married Anna Sandhu.",
        ("James Earl Ray", "killed", "Martin Luther King Jr."),
    ),
    (
        "Prosecutors said Ahmed Karimov, the killer of journalist Dilnoza Yusupova, had fled to Almaty.",
        ("Ahmed Karimov", "killed", "Dilnoza Yusupova"),
    ),
    # residence and origin
    ("Deborah Sue Tomazin, 24, of Phoenix, was killed.", ("Deborah Sue Tomazin", "livesIn", "Phoenix")),
    (
        "A BNP spokesperson said Mr Tyndall, from Brighton, was arrested after a speech.",
        ("Tyndall", "livesIn", "Brighton"),
    ),
    # City, State and City, County
    (
        "A BNP spokesperson said he was arrested following a speech he made in Burnley, Lancashire.",
        ("Burnley", "locatedIn", "Lancashire"),
    ),
    (
        "For singer Bob Boyd, the Ranch has been home since he left Chattanooga, Tenn., 35 years ago.",
        ("Chattanooga, Tennessee", "locatedIn", "Tennessee"),
    ),
    # bodies and their seats
    ("Pepperell, based in West Point, Ga., manufactures towels.", ("Pepperell", "basedIn", "West Point")),
    # membership by verb
    (
        "Ex-chat show host Robert Kilroy-Silk has quit the UK Independence Party.",
        ("Robert Kilroy-Silk", "memberOf", "UK Independence Party"),
    ),
    (
        "Mr Boateng served on the Greater London Council before being elected to Parliament.",
        ("Boateng", "memberOf", "Greater London Council"),
    ),
    (
        "Senator Maria Lopes joined the Social Democratic Party in 2009.",
        ("Maria Lopes", "memberOf", "Social Democratic Party"),
    ),
    # a body or place named before a title
    ("KAL attorney George Tompkins countered that the evidence was weak.", ("George Tompkins", "employedBy", "KAL")),
    (
        "Gibraltar's Chief Minister Peter Caruana will represent the citizens living on the Rock.",
        ("Peter Caruana", "holdsPosition", "Gibraltar"),
    ),
    (
        "Former Northern Ireland minister Sir Nicholas Scott has died at a London hospice.",
        ("Nicholas Scott", "holdsPosition", "Northern Ireland"),
    ),
    (
        "Paul Boateng is to step down as a Labour MP at the forthcoming general election.",
        ("Paul Boateng", "memberOf", "Labour Party"),
    ),
    pytest.param(
        "Oswald, a Marxist, was acting alone when he killed Kennedy.",
        ("Oswald", "killed", "Kennedy"),
        marks=xfail(reason="spaCy's small model does not tag the lone surname 'Oswald' as a person here"),
    ),
    # events between people, from world news
    (
        "Ugandan President Yoweri Museveni freed Kizza Besigye, the opposition leader, on Friday.",
        ("Yoweri Museveni", "freed", "Kizza Besigye"),
    ),
    # the predicates the news corpus shows and kg rarely states (docs/quality.md, per predicate)
    pytest.param(
        "Nigeria's oil output fell. Nigerian writer Wole Soyinka criticised the government of Nigeria.",
        ("Wole Soyinka", "citizenOf", "Nigeria"),
        marks=xfail(reason="citizenOf from a demonym before a name: 19 in the news test, 3 stated; no rule reads it"),
    ),
    pytest.param(
        "The Security Council is part of the United Nations.",
        ("Security Council", "partOf", "United Nations"),
        marks=xfail(reason="partOf between bodies: 13 in the news test, none stated; 13 train examples are too few"),
    ),
    pytest.param(
        "Rebels led by Laurent Nkunda attacked Goma, a city in Congo.",
        ("Laurent Nkunda", "attacked", "Goma"),
        marks=xfail(
            reason="attacked through 'led by': the rule reads the verb's own subject, and the model saw 0 train examples"
        ),
    ),
    # a noun relating two people, with the other after "of"
    ("Raila Odinga, an ally of President Mwai Kibaki, resigned.", ("Raila Odinga", "allyOf", "Mwai Kibaki")),
    ("Gordon Brown, a critic of Tony Blair, spoke.", ("Gordon Brown", "opponentOf", "Tony Blair")),
    ("Ida Odinga, the wife of Raila Odinga, voted in Nairobi.", ("Ida Odinga", "relativeOf", "Raila Odinga")),
    # a state's body, the state named in its own name
    (
        "Financial support has been received from the Government of Italy.",
        ("Government of Italy", "basedIn", "Italy"),
    ),
    # an office of a constituency, city or region: the place is its object
    ("Mr Sayeed has been MP for Mid-Bedfordshire since 1997.", ("Sayeed", "holdsPosition", "Mid-Bedfordshire")),
    ("Oona King, the Labour MP for Bethnal Green, lost her seat.", ("Oona King", "holdsPosition", "Bethnal Green")),
    ("Jose Serra, the mayor of Sao Paulo, met Lula in Brasilia.", ("Jose Serra", "leaderOf", "Sao Paulo")),
    # the body before the first title of a list of titled names
    (
        "BBC chairman Gavyn Davies, director-general Greg Dyke and reporter Andrew Gilligan all resigned.",
        ("Andrew Gilligan", "employedBy", "BBC"),
    ),
    # to attack what a person or party owns is to oppose its owner
    (
        "Mr Kibaki attacked Raila Odinga's plans for the constitution in Nairobi.",
        ("Kibaki", "opponentOf", "Raila Odinga"),
    ),
    # a body's spokesman or adviser works for it
    (
        "Kenya Airways spokesman Peter Mwangi said the flight had landed in Nairobi.",
        ("Peter Mwangi", "employedBy", "Kenya Airways"),
    ),
    # a club's or a firm's boss leads it; a title NER ran into the body's name is cut off it
    ("Chelsea boss Jose Mourinho said his side would win.", ("Jose Mourinho", "leaderOf", "Chelsea")),
    ("Boeing General Counsel Doug Bain said the firm would appeal.", ("Doug Bain", "holdsPosition", "Boeing")),
    # a surname NER left untagged, after the person is named in full, is that person
    (
        "Marwan Barghouti is in jail. '' Barghouti's wife, Fadwa, said she was unaware of his plans.",
        ("Fadwa", "relativeOf", "Marwan Barghouti"),
    ),
    # a plural noun of rivalry or alliance naming two actors relates them to each other
    ("Arch-rivals India and Pakistan met in Delhi on Monday.", ("India", "opponentOf", "Pakistan")),
    ("The old rivals, Fatah and Hamas, signed a deal in Cairo.", ("Fatah", "opponentOf", "Hamas")),
    ("The two allies, Britain and the United States, agreed.", ("United Kingdom", "allyOf", "United States")),
    # to work for a body is a job there (GUIDELINES.md 3, employedBy); for a party, membership
    ("Maria Lopez has worked for the BBC in London since 1990.", ("Maria Lopez", "employedBy", "BBC")),
    ("Maria Lopez has worked for Labour in London since 1990.", ("Maria Lopez", "memberOf", "Labour Party")),
    ("Khalid Mishal, a senior Hamas leader, spoke in Damascus on Friday.", ("Khalid Mishal", "holdsPosition", "Hamas")),
    # who owns a body controls it, and is no employee of it
    ("Conrad Black, the owner of the Daily Telegraph, said so.", ("Conrad Black", "controls", "Daily Telegraph")),
    # a demonym of two words names its state ("South African", "Sri Lankan")
    (
        "Sri Lankan President Chandrika Kumaratunga said so in Colombo.",
        ("Chandrika Kumaratunga", "leaderOf", "Sri Lanka"),
    ),
    ("South African activist Zackie Achmat spoke in Durban.", ("Zackie Achmat", "citizenOf", "South Africa")),
    # a post in a body, not a seat in it
    (
        "Pentagon Acquisition Director Michael Wynne said the deal was sound.",
        ("Michael Wynne", "holdsPosition", "Pentagon"),
    ),
    (
        "Lena Ortiz, the chief of operations at the World Food Programme, said supplies were short.",
        ("Lena Ortiz", "holdsPosition", "World Food Programme"),
    ),
    # the US press's party letter and state after a legislator's name: AP's "R-Iowa", the postal "(D-CA)"
    ("Sen. Maria Cantwell, D-Ore., voted against the bill.", ("Maria Cantwell", "holdsPosition", "Oregon")),
    ("Sen. Maria Cantwell, D-Ore., voted against the bill.", ("Maria Cantwell", "memberOf", "Democratic Party")),
    ("Rep. Barbara Lee (D-CA) spoke against the war.", ("Barbara Lee", "holdsPosition", "California")),
    ("Sen. Bernie Sanders, I-Vt., spoke.", ("Bernie Sanders", "holdsPosition", "Vermont")),
    (
        "The Senate passed the bill after Sen. Chuck Grassley, R-Iowa, dropped his objection.",
        ("Chuck Grassley", "memberOf", "Republican Party"),
    ),
    # a legislator's title, and the chamber the story names, in any country with one
    (
        "The Senate passed the bill after Sen. Chuck Grassley, R-Iowa, dropped his objection.",
        ("Chuck Grassley", "memberOf", "Senate"),
    ),
    ("Senator Kim Carr told the Senate in Canberra that the plan had failed.", ("Kim Carr", "memberOf", "Senate")),
    # an office of a place below the state, the place after "of"
    ("Gov. Jennifer Granholm of Michigan signed the law.", ("Jennifer Granholm", "holdsPosition", "Michigan")),
    ("Senator Aquilino Pimentel of Mindanao spoke.", ("Aquilino Pimentel", "holdsPosition", "Mindanao")),
    # a town, a comma and a county or state the parser made no apposition of
    (
        "The firm's site registration comes from Tempe, Ariz., the filing shows.",
        ("Tempe, Arizona", "locatedIn", "Arizona"),
    ),
    (
        "Sarah Jones, 41, a farmer from Tetbury, Gloucestershire, was fined.",
        ("Tetbury", "locatedIn", "Gloucestershire"),
    ),
    ("He gave the speech in Chatham, Kent. He left at noon.", ("Chatham", "locatedIn", "Kent")),
    # "X, Y-based Z": the town is the seat, and lies in the region
    (
        "Sales rose, according to Irvine, California-based Broadcom Systems.",
        ("Broadcom Systems", "basedIn", "Irvine, California"),
    ),
    # "his" is the last subject when that was the sentence just before and is not a woman; else
    # the last man named ("Barghouti's wife, Fadwa, said ... But his brother Hisham said")
    (
        "Haddad to run\n\nOmar Haddad plans to run, said Ali Nasser, a party leader. ``He will win,'' he said. Haddad's"
        " wife, Leila, said she knew nothing. But his brother Karim said he would run.",
        ("Karim", "relativeOf", "Omar Haddad"),
    ),
    # a title that names no body, and the body after the name
    (
        "Chairman Alan Greenspan of the Federal Reserve said rates would rise.",
        ("Alan Greenspan", "leaderOf", "Federal Reserve"),
    ),
    # a deed done by a body's people is the body's: "arrested by Gainesville police officers"
    (
        "Man held\n\nThe dog was hurt. Dennis Smith was arrested on Saturday by Leeds police officers.",
        ("Leeds police", "arrested", "Dennis Smith"),
    ),
    # a job renaming a person, and the place after "from": where the person lives
    ("Ann Smith, a nurse from Bolton, said she was tired.", ("Ann Smith", "livesIn", "Bolton")),
    # the object of the verb an infinitive completes is its subject
    (
        "The president nominated Maria Silva to succeed Joao Costa as finance minister.",
        ("Maria Silva", "successorOf", "Joao Costa"),
    ),
    # a demonym describing a person, before the name or in a copula's complement: a nationality
    ("The Malian singer Salif Keita performed in Paris.", ("Salif Keita", "citizenOf", "Mali")),
    ("Joseph Kony is a Ugandan rebel.", ("Joseph Kony", "citizenOf", "Uganda")),
    # a title's head before its of-phrase, and a name the parser hung on that "of"
    ("Mayor of Paris Bertrand Delanoe opened the bridge.", ("Bertrand Delanoe", "holdsPosition", "Paris")),
    ("President of Ghana John Kufuor arrived on Monday.", ("John Kufuor", "holdsPosition", "Ghana")),
    # "the son of rock star X": a title between "of" and the name
    ("Jack Osborne, the son of rock singer Ozzy Osborne, was fined.", ("Jack Osborne", "relativeOf", "Ozzy Osborne")),
    # a place, a comma, "in" and a region: "stored at Sellafield, in Cumbria"
    ("The plant at Bhopal, in Madhya Pradesh, leaked gas.", ("Bhopal", "locatedIn", "Madhya Pradesh")),
    ("The attack happened in Kandahar, in southern Afghanistan.", ("Kandahar", "locatedIn", "Afghanistan")),
    # a hyphenated title is read whole, and a list of titled names after a body is its people
    (
        "The inquiry criticised ITV chairman Charles Allen, director-general Mark Jones and reporter Ann Lee.",
        ("Mark Jones", "leaderOf", "ITV"),
    ),
    # a unit named with a unit's noun is part of the body that owns it, or that it is in
    ("Microsoft's Xbox Division lost money last year.", ("Xbox Division", "partOf", "Microsoft")),
    (
        "The Justice Department's Civil Rights Division objected to the plan.",
        ("Civil Rights Division", "partOf", "Justice Department"),
    ),
    (
        "Officers from the Serious Crime Unit in the Metropolitan Police arrested him.",
        ("Serious Crime Unit", "partOf", "Metropolitan Police"),
    ),
    # a singular apposition after names joined by "and" renames the last of them
    (
        "Those charged included Otis Ferry, the 22-year-old son of rock star Bryan Ferry and Luke Tomlinson, 27, a"
        " close friend of princes William and Harry.",
        ("Luke Tomlinson", "allyOf", "William"),
    ),
    # a lone name owning a killer is a person's, though a town bears it too
    ("Kennedy's assassin, Lee Harvey Oswald, was shot.", ("Lee Harvey Oswald", "killed", "Kennedy")),
    # a party's member "from" a place lives there, as one of a job does
    ("Derwinski, a Republican from Chicago who served in Congress, denied it.", ("Derwinski", "livesIn", "Chicago")),
    # demonyms the nationality package lacks, from kg/data/country_aliases.json
    ("The Saudi writer Abdul Rahman Munif died in Damascus.", ("Abdul Rahman Munif", "citizenOf", "Saudi Arabia")),
    ("North Korean leader Kim Jong-il met officials on Monday.", ("Kim Jong-il", "leaderOf", "North Korea")),
    # every name of a plural kinship noun is a relative of its owner, or of the subject that has them
    ("Mr Smith has two sons, John and Peter.", ("Peter", "relativeOf", "Smith")),
    ("Mary Jones said her daughters, Ann and Kate, were safe.", ("Kate", "relativeOf", "Mary Jones")),
    # a people with no state of the gazetteer's names its own body, not the article's country's
    (
        "Palestinian Cabinet Minister Saeb Erekat said so. Israel said no. Israel agreed.",
        ("Saeb Erekat", "holdsPosition", "Palestinian Cabinet"),
    ),
    # a name straight after a possessed relation noun, which the parser made the noun's sibling
    ("Mr Blair's ally Alan Milburn spoke.", ("Alan Milburn", "allyOf", "Blair")),
    # a town or a region before a job is the person's home
    ("We played cards for hours, said Atlanta businessman Neil Estes.", ("Neil Estes", "livesIn", "Atlanta")),
    # a presiding title leads the chamber the story names
    (
        "Speaker Michael Martin said the men had used a forged letter to enter the House of Commons.",
        ("Michael Martin", "leaderOf", "House of Commons"),
    ),
    (
        "House Speaker Dennis Hastert said the House of Representatives would vote on Friday.",
        ("Dennis Hastert", "leaderOf", "House of Representatives"),
    ),
]


@pytest.mark.parametrize(("text", "fact"), EXPECTED_FACTS)
def test_sentence_gives_fact(text: str, fact: tuple[str, str, str]) -> None:
    facts = labelled_facts(graph_of(text))
    subject, predicate, obj = fact
    symmetric = predicate in {"relativeOf", "allyOf", "opponentOf", "borders"}
    assert fact in facts or (symmetric and (obj, predicate, subject) in facts), sorted(facts)


# Precision: sentences that must not yield the fact (a wrong edge costs more than a missing one).
NOT_EXPECTED = [
    # what one refused to do is not done
    ("Jim Callaghan refused to support Harold Wilson in 1968.", ("Harold Wilson", "allyOf", "Jim Callaghan")),
    # a title of something else, named after "of" or "for", takes no state from the article
    (
        'Voters in the US are angry. "It makes sense," said Keith Ashdown, vice president for the'
        " non-partisan Taxpayers for Common Sense. The US and America agreed.",
        ("Keith Ashdown", "holdsPosition", "United States"),
    ),
    # back from a journey is no origin; a post one is picked for is not held yet
    ("John Smith is back from Paris after the talks.", ("John Smith", "livesIn", "Paris")),
    (
        "Bernard Kerik has been tapped to run the Department of Homeland Security, an official said.",
        ("Bernard Kerik", "controls", "Department of Homeland Security"),
    ),
    # "the government of Iran" is Iran's, not the government the story spoke of before
    (
        "Blair said the British government was wrong. This government wants house arrest. This puts it on a par"
        " with the government of Iran.",
        ("British government", "basedIn", "Iran"),
    ),
    # a devolved government's head, or a party's president, holds no office of the article's state
    (
        "Violence is rising in the UK.\n\nFirst Minister Jack McConnell has ordered a report. Critics said"
        " the UK and Britain had failed.",
        ("Jack McConnell", "leaderOf", "United Kingdom"),
    ),
    (
        "Voters in the UK are angry.\n\nThe Liberal Democrats' President Simon Hughes said the UK and Britain"
        " deserved better.",
        ("Simon Hughes", "leaderOf", "United Kingdom"),
    ),
    (
        "LONDON (Reuters) - The US president, George Bush, vetoed the bill, officials said.",
        ("George Bush", "leaderOf", "United Kingdom"),
    ),
    # "his government" may be another's than the last person named
    (
        "Cuba's most senior US diplomat, James Cason, said any action by Cuba would not affect his government's"
        " determination.",
        ("James Cason", "leaderOf", "Cuba"),
    ),
    # an office told as wished for or to come is not held
    (
        "LONDON (Reuters) - In Labour circles there will be an argument over just how good a prime minister Gordon"
        " Brown will make at some point after the election. Robin Cook said he hoped Mr Brown would be premier one day.",
        ("Gordon Brown", "leaderOf", "United Kingdom"),
    ),
    # a tie to a second party that only the relation model read, beside one a rule read, is a guess
    (
        "Fox attacks Blair's Tory 'lies'\n\nLabour leader Tony Blair has been accused of lying by the Conservatives."
        " What this is really about, believes Mr Blair, is the Tories spotting an opportunity to embarrass the"
        " government.",
        ("Tony Blair", "memberOf", "Conservative Party"),
    ),
    # the state's office is former; the party named before it is the holder's, now
    (
        "Kenneth Clarke, the Conservative former chancellor, said the party was wrong.",
        ("Kenneth Clarke", "holdsPosition", "Conservative Party"),
    ),
    # a saint's name in a school's is no body that owns it
    (
        "Mr Blair joined two girls from St Egwin's Middle School in Evesham for a trip.",
        ("Middle School", "partOf", "St Egwin"),
    ),
    # a shadow post is an opposition party's, never the state's, even in a story plainly about that state
    (
        "LONDON (Reuters) - Britain must control its borders, the Conservatives said on Monday. Shadow home"
        " secretary David Davis said the asylum system had failed.",
        ("David Davis", "holdsPosition", "United Kingdom"),
    ),
    # money is no alliance
    (
        "It was found by Roy Tucker of the NASA-funded University of Hawaii Asteroid Survey in Arizona.",
        ("University of Hawaii Asteroid Survey", "allyOf", "NASA"),
    ),
    # in quoted speech the speaker's party need not be the one named last
    (
        'The Liberal Party met Labour on Monday. "We will win under [party leader] Ana Silva," said Tom Hale.',
        ("Ana Silva", "memberOf", "Labour Party"),
    ),
    ("Labour attacked the Green Party on Monday.", ("Labour Party", "attacked", "Green Party")),
    ("Tom Hale was charged with the murder of Ann Lee.", ("Tom Hale", "killed", "Ann Lee")),
    # the court that jails a killer killed no one
    ("The High Court jailed Paul Lane for the murder of Ann Lee.", ("High Court", "killed", "Ann Lee")),
    # a former capital is not the capital the gazetteer knows
    ("Protesters gathered in Lagos, the former Nigerian capital.", ("Lagos", "capitalOf", "Nigeria")),
    # someone's lawyer in a state serves them there
    ("The family's Texas lawyer, Jane Cobb, said they would appeal.", ("Jane Cobb", "livesIn", "Texas")),
    # an office's title is no nationality, and a part's demonym names no state
    ("Welsh Secretary Peter Hain said the measures would follow.", ("Peter Hain", "citizenOf", "United Kingdom")),
    # a country after "in" on a common noun places an event, not the office of the title beside it
    (
        "Concern about the war in Iraq and President Jacques Chirac's policies grew.",
        ("Jacques Chirac", "leaderOf", "Iraq"),
    ),
    ("Karl Huber is a British ally, the paper said.", ("Karl Huber", "citizenOf", "United Kingdom")),
    # a region owned by a town is not in it
    ("Houston's Texas roots run deep, said Ann Smith.", ("Texas", "locatedIn", "Houston")),
    # a party's word inside another party's name, or before a job
    ("Dale Morrow is not a Republican, he said in Kansas.", ("Dale Morrow", "memberOf", "Republican Party")),
    ("Democratic Unionist leader Ian Paisley spoke in Belfast.", ("Ian Paisley", "memberOf", "Democratic Party")),
    ("Green campaigner Jonathon Porritt spoke in London.", ("Jonathon Porritt", "memberOf", "Green Party")),
    ("Christian Democratic leader Angela Merkel spoke in Berlin.", ("Angela Merkel", "memberOf", "Democratic Party")),
    (
        "The Popular Democratic Party candidate Anibal Acevedo won in San Juan.",
        ("Anibal Acevedo", "memberOf", "Democratic Party"),
    ),
    # a shadow post is no office of the state
    (
        "Shadow chancellor Oliver Letwin said taxes in Britain were too high.",
        ("Oliver Letwin", "holdsPosition", "United Kingdom"),
    ),
    # the one chosen to head a body heads it, not the one who chose
    (
        "Bush selected Nebraska Gov. Mike Johanns to head the Department of Agriculture.",
        ("Bush", "leaderOf", "Department of Agriculture"),
    ),
    # "the House" is the Commons or the House of Representatives: no chamber is named, none is guessed
    ("The House Ethics Committee met on Tuesday in Washington.", ("House Ethics Committee", "partOf", "House")),
    # a first name alone, named as someone's kin, is of that family: not the one other Nick of the story
    (
        '"We can win," said student Nick Vaughan. Mr Howard was introduced by his son Nick, a trainee vicar.',
        ("Nick Vaughan", "relativeOf", "Howard"),
    ),
    # a demonym before a people's name: the people's leader, not the state's
    ("Bosnian Serb leader Radovan Karadzic is in hiding.", ("Radovan Karadzic", "leaderOf", "Bosnia and Herzegovina")),
    # ... not a part of the world the person studies, nor a town whose office the person holds
    ("Latin America analyst Sue Branford said so.", ("Sue Branford", "livesIn", "Latin America")),
    ("London mayor Ken Livingstone said so.", ("Ken Livingstone", "livesIn", "London")),
    # ... and not the first
    (
        "Those charged included Otis Ferry, the 22-year-old son of rock star Bryan Ferry and Luke Tomlinson, 27, a"
        " close friend of princes William and Harry.",
        ("Bryan Ferry", "allyOf", "William"),
    ),
    # a country before a deed noun with no target after it may be the target: nothing is said
    ("The Iraq invasion was a mistake, Robin Cook told Tony Blair.", ("Iraq", "attacked", "Tony Blair")),
    ("Tony Blair was not a French citizen.", ("Tony Blair", "citizenOf", "France")),
    # an office "from" a state is the state's, no home
    ("Jean Dupont, the ambassador from France, spoke in Ottawa.", ("Jean Dupont", "livesIn", "France")),
    # counties in a list lie in one another no more than towns do
    ("Flooding hit Kent, Sussex and Essex on Monday.", ("Kent", "locatedIn", "Sussex")),
    ("Flooding hit Cumbria, Lancashire, Yorkshire and Durham.", ("Cumbria", "locatedIn", "Lancashire")),
    # a firm's name, or a small town's name that starts a longer name, says nothing of where a body is
    ("The Chicago Tribune reported the vote.", ("Chicago Tribune", "basedIn", "Chicago")),
    ("West Yorkshire police confirmed the arrest.", ("West Yorkshire police", "basedIn", "West")),
    ("Turkey must recognise the Greek Cypriot government.", ("Greek Cypriot government", "basedIn", "Greece")),
    (
        "They will appear at Bow Street Magistrates' Court on Monday.",
        ("Bow Street Magistrates' Court", "basedIn", "Bow"),
    ),
    # a deed denied or hypothetical is not done
    ("Russia did not invade Georgia, Mikheil Saakashvili said.", ("Russia", "attacked", "Georgia")),
    (
        "It would help if Nigeria would release Ken Saro-Wiwa, Nelson Mandela said.",
        ("Nigeria", "freed", "Ken Saro-Wiwa"),
    ),
    # a city is no actor of deeds, as a country is: the people in it are
    ("Lagos arrested the journalist John Kamau on Monday.", ("Lagos", "arrested", "John Kamau")),
    # a country after "toward", "with", "against" is what the holder deals with, not the title's state
    (
        "Prime Minister Junichiro Koizumi's attitude toward China is perplexing, officials said.",
        ("Junichiro Koizumi", "leaderOf", "China"),
    ),
    (
        "President Lula wants closer trade ties with Argentina, an aide said.",
        ("Lula", "leaderOf", "Argentina"),
    ),
    # ... but not a demonym that begins another country's name
    (
        "The Dominican Republic newspaper Listin Diario said the storm had passed.",
        ("Dominican Republic newspaper", "basedIn", "Dominica"),
    ),
    # ... but not in another portfolio's department, nor in a shadow's
    (
        "Finance Minister Sue Essex said it was a good deal for councils. The Treasury agreed.",
        ("Sue Essex", "holdsPosition", "Treasury"),
    ),
    (
        "Shadow Home Secretary David Davis attacked the plans. The Home Office said the rules would change.",
        ("David Davis", "holdsPosition", "Home Office"),
    ),
    # a party or body that qualifies another noun is not what the person owns
    (
        "Michael Howard has finally revealed the full scale of his planned Tory tax cuts.",
        ("Michael Howard", "leaderOf", "Conservative Party"),
    ),
    ("Mr Kennedy spoke in Leeds during his City of London speech.", ("Mr Kennedy", "leaderOf", "City of London")),
    (
        "Neil Kinnock voted against his own Labour government's spending cuts in Wales.",
        ("Neil Kinnock", "leaderOf", "Labour Party"),
    ),
    # a state in a company's name is no statement of where it is based
    (
        "Under current contracts, British Nuclear Fuels should return all but low level waste.",
        ("British Nuclear Fuels", "basedIn", "United Kingdom"),
    ),
    # "a leader" of a party is one of its leaders, not its leader
    ("Khalid Mishal, a senior Hamas leader, spoke in Damascus on Friday.", ("Khalid Mishal", "leaderOf", "Hamas")),
    # no state lies in another, whatever the model reads into a list or a denial
    (
        "The tsunami hit Indonesia, Sri Lanka and India. Sweden is not a state in the United States of America, he said.",
        ("Sweden", "locatedIn", "United States"),
    ),
    (
        "South African president Thabo Mbeki has attacked British imperialists, the BBC reported from London.",
        ("Thabo Mbeki", "leaderOf", "United Kingdom"),
    ),
    ("Conrad Black, the owner of the Daily Telegraph, said so.", ("Conrad Black", "employedBy", "Daily Telegraph")),
    # a pair a rule reads as opponents is no alliance, whatever the model makes of it
    (
        "Chancellor Gordon Brown spoke in London. Lord Campbell-Savours, a former MP, challenged Mr Brown to deny"
        " reports that he had told the prime minister he did not believe anything he said.",
        ("Campbell-Savours", "allyOf", "Gordon Brown"),
    ),
    # someone's rivals are theirs, not each other's
    ("Blair's rivals, Gordon Brown and John Prescott, met.", ("Gordon Brown", "opponentOf", "John Prescott")),
    # a mayor's or a governor's office is a city's or a province's, never the state's
    ("Mayor Ken Livingstone said Britain must act.", ("Ken Livingstone", "leaderOf", "United Kingdom")),
    ("Gov. Ernie Fletcher said the United States must act.", ("Ernie Fletcher", "leaderOf", "United States")),
    # a US representative, like an MP, sits in a chamber; the state is not their office's object
    ("Rep. Barbara Lee said the United States must withdraw.", ("Barbara Lee", "holdsPosition", "United States")),
    # a committee chair's title is not the office held for the state after the name
    ("House Armed Services Chairman Duncan Hunter, R-Calif., said so.", ("Duncan Hunter", "leaderOf", "California")),
    # an independent's "I-" names no party
    ("Sen. Bernie Sanders, I-Vt., spoke.", ("Bernie Sanders", "memberOf", "Democratic Party")),
    # a job "for" a region is no office of it
    ("Pascal Lamy, the director general for Europe, spoke.", ("Pascal Lamy", "holdsPosition", "Europe")),
    # a party before the first title of a list is not every later office's body
    (
        "Labour leader Tony Blair, deputy leader John Prescott and chancellor Gordon Brown met.",
        ("Gordon Brown", "holdsPosition", "Labour Party"),
    ),
    # the trained classifier once read "kidnapped" as a killing: a "killed" edge needs the text to say so
    (
        "Ex-Labour MP George Galloway has appealed for the release of aid worker Margaret Hassan, kidnapped in Iraq.",
        ("George Galloway", "killed", "Margaret Hassan"),
    ),
    (
        "Anne Robinson said as home secretary he gave the impression he would kick your cat.",
        ("Anne Robinson", "holdsPosition", "United Kingdom"),
    ),
    ("Mr Kennedy visits Manchester and Liverpool this week.", ("Manchester", "locatedIn", "Liverpool")),
    ("The president of Belarus met protesters in Minsk.", ("Minsk", "capitalOf", "Belarus")),
    ("Britain's Europe director Dominick Chilcott will attend.", ("Dominick Chilcott", "holdsPosition", "Europe")),
    # a demonym alone names no entity (tests/gold/FORMAT.md): no state the article never names
    (
        "The meeting is being hosted by British Prime Minister Tony Blair.",
        ("Tony Blair", "holdsPosition", "United Kingdom"),
    ),
    # a generic body is not placed in the article's state unless the sentence says so
    (
        "Kenya said on Monday it would send troops. Kenya is a close ally. The police said they had arrested two men.",
        ("police (Kenya)", "basedIn", "Kenya"),
    ),
    ("Former Northern Ireland minister Sir Nicholas Scott has died.", ("Nicholas Scott", "holdsPosition", "Ireland")),
    (
        "Shadow foreign secretary Michael Ancram said he would refuse to approve Helen Liddell as high commissioner to Australia.",
        ("Michael Ancram", "holdsPosition", "Australia"),
    ),
    ("Mr Jackson would be warmly welcomed by Labour MPs.", ("MPs", "memberOf", "Labour Party")),
    (
        '"I knew what a blow the death of his wife Audrey was," Lord Hattersley said of Mr Callaghan.',
        ("Audrey", "relativeOf", "Hattersley"),
    ),
    ("Kyrgyzstan hosts a Russian air base and a Canadian-controlled gold mine.", ("Kyrgyzstan", "controls", "Russia")),
    # a deputy's office in an article plainly about one country is an office there, not its leadership
    (
        "Deputy President Kgalema Motlanthe spoke in Pretoria. South Africa will act, he said. South Africa's"
        " economy grew. South Africa and its people, South Africans, agree.",
        ("Kgalema Motlanthe", "leaderOf", "South Africa"),
    ),
    # a row among three does not say who is against whom
    (
        "The film showed a row between Robert Kilroy-Silk, Nigel Farage and Roger Knapman about the leadership.",
        ("Nigel Farage", "opponentOf", "Roger Knapman"),
    ),
    # a conflict or alliance denied is none
    ("Chirac said there was no rift between France and Germany.", ("France", "opponentOf", "Germany")),
    (
        "Harold Wilson said he would not form a coalition with the Conservatives.",
        ("Conservative Party", "allyOf", "Harold Wilson"),
    ),
    # a country named as a modifier is the topic, not the state of the title beside it
    (
        "Former minister Clare Short, who resigned from the government over the Iraq war, said Iraq was a mess.",
        ("Clare Short", "holdsPosition", "Iraq"),
    ),
    # no title names a post in the party: the pair gives membership, not leadership
    (
        "Labour's economic success under Mr Brown will be the theme. Gordon Brown spoke in Leeds.",
        ("Gordon Brown", "leaderOf", "Labour Party"),
    ),
    # a title someone owns is that body's, not the state's the article is about
    (
        "Age Concern said pensioners in Britain were poor. Its director general, Gordon Lishman, said the UK"
        " government must act. Britain's pensions are low, and British voters care.",
        ("Gordon Lishman", "leaderOf", "United Kingdom"),
    ),
    (
        "The ADSS said councils in Britain lacked money. Tony Hunter, the organisation's president, said British"
        " councils needed help from the UK. Britain must act.",
        ("Tony Hunter", "leaderOf", "United Kingdom"),
    ),
]


@pytest.mark.parametrize(("text", "fact"), NOT_EXPECTED)
def test_sentence_does_not_give_fact(text: str, fact: tuple[str, str, str]) -> None:
    subject, predicate, obj = fact
    facts = labelled_facts(graph_of(text))
    symmetric = predicate in {"relativeOf", "allyOf", "opponentOf", "borders"}
    assert fact not in facts and not (symmetric and (obj, predicate, subject) in facts), sorted(facts)


def test_a_dateline_without_an_agency_gives_its_country() -> None:
    text = "Asylum rules change\n\nCANBERRA, AUSTRALIA — The government said on Monday it would act."
    graph = graph_of(text)
    assert ("Canberra", "locatedIn", "Australia") in labelled_facts(graph)
    evidence = [e for _, _, d in graph.edges(data=True) if d["predicate"] == "locatedIn" for e in d["evidence"]]
    assert [e.sentence for e in evidence] == ["CANBERRA, AUSTRALIA"]


def test_a_symmetric_edge_read_with_and_without_its_role_is_one_edge() -> None:
    graph = graph_of("Lincoln's widow, Mary Todd Lincoln, moved to Chicago.")
    kin = [(graph.nodes[s]["label"], d["role"], graph.nodes[o]["label"]) for s, o, d in graph.edges(data=True)]
    assert kin == [("Mary Todd Lincoln", "widow", "Lincoln")], kin


def test_a_killer_owned_is_no_vaguer_relation() -> None:
    graph = graph_of("Kennedy's assassin, Lee Harvey Oswald, was shot.")
    assert {d["predicate"] for _, _, d in graph.edges(data=True)} == {"killed"}


def test_a_kin_role_stays_with_the_person_it_describes() -> None:
    # relativeOf is symmetric, but "son" says which end is the son: the edge keeps the written direction
    graph = graph_of("Otis Ferry, the son of rock star Bryan Ferry, was charged. Otis Ferry said he had no regrets.")
    kin = [(graph.nodes[s]["label"], d["role"], graph.nodes[o]["label"]) for s, o, d in graph.edges(data=True)]
    assert ("Otis Ferry", "son", "Bryan Ferry") in kin
    assert ("Bryan Ferry", "son", "Otis Ferry") not in kin


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("KARBALA, Iraq (AP) - Thousands of pilgrims gathered on Friday.", ("Karbala", "locatedIn", "Iraq")),
        ("DAYTON, Ohio (AP) - The plant closed on Monday.", ("Dayton", "locatedIn", "Ohio")),
        # a territory the gazetteer does not list, which the story names too
        (
            "NABLUS, West Bank (AP) - Crowds gathered on Friday across the West Bank.",
            ("Nablus", "locatedIn", "West Bank"),
        ),
    ],
)
def test_a_datelines_place_lies_in_the_region_it_names(text: str, fact: tuple[str, str, str]) -> None:
    graph = graph_of(text)
    assert fact in labelled_facts(graph)
    evidence = [e for _, _, d in graph.edges(data=True) if d["predicate"] == "locatedIn" for e in d["evidence"]]
    assert [e.sentence for e in evidence] == [text.split(" - ")[0]]


def test_every_fact_carries_its_sentence_and_confidence() -> None:
    text = "Kyrgyzstan borders China. Prime Minister Kubatbek Boronov of Kyrgyzstan has not appeared in public."
    graph = graph_of(text)
    assert graph.number_of_edges() >= 2
    for _, _, data in graph.edges(data=True):
        for evidence in data["evidence"]:
            assert evidence.sentence in text
            assert 0 < evidence.confidence <= 1
        assert data["confidence"] == max(e.confidence for e in data["evidence"])


def test_a_model_fact_takes_the_measured_precision_of_its_source_rule_and_predicate() -> None:
    # the model's table gives every fact of one probability the same confidence; where
    # scripts/calibrate.py measured the model's facts from this rule and predicate, that figure caps it
    from kg.knowledge import load_knowledge

    measured = load_knowledge().rule_confidence
    graph = graph_of("The visitors, who had been at the Riverside Hunt in Lincolnshire, denied it.")
    edges = [d for _, _, d in graph.edges(data=True) if d["predicate"] == "locatedIn"]
    assert edges, "the model reads the hunt as a place in Lincolnshire"
    for data in edges:
        (evidence,) = data["evidence"]
        assert evidence.rule.startswith("model:")
        assert evidence.confidence <= measured[f"{evidence.rule} locatedIn"] < 0.8


def test_a_role_is_the_title_as_written() -> None:
    graph = graph_of("Mark Oaten, the Liberal Democrat home affairs spokesman, said so in Winchester.")
    roles = {d["role"] for _, _, d in graph.edges(data=True) if d["predicate"] == "holdsPosition"}
    assert roles == {"Liberal Democrat home affairs spokesman"}


def test_a_bodys_label_keeps_a_word_that_is_a_persons_honorific() -> None:
    # "Justice Scalia" is a judge, "the Justice Department" no judge's department
    labels = {
        d["label"] for _, d in graph_of("The Justice Department said it would appeal the ruling.").nodes(data=True)
    }
    assert "Justice Department" in labels and "Department" not in labels, labels


def test_a_hyphenated_title_is_written_as_it_stands_and_leads() -> None:
    graph = graph_of("UN Secretary-General Kofi Annan arrived in Baghdad on Monday.")
    roles = {(d["predicate"], d["role"]) for _, _, d in graph.edges(data=True)}
    assert ("leaderOf", "UN Secretary-General") in roles, roles


def test_a_former_legislators_seat_is_former() -> None:
    graph = graph_of("Former Rep. Lee Hamilton (D-Ind.) said the commission had done its work.")
    seats = [d for _, _, d in graph.edges(data=True) if d["predicate"] == "holdsPosition"]
    assert [(d["role"], d["status"]) for d in seats] == [("Rep.", "former")]


def test_title_status_and_role_are_qualifiers() -> None:
    graph = graph_of(
        "Protesters in Kyrgyzstan freed former prime minister Sapar Isakov and acting interior minister Kursan Asanov."
    )
    positions = {
        graph.nodes[s]["label"]: (d["role"], d["status"])
        for s, _, d in graph.edges(data=True)
        if d["predicate"] in {"holdsPosition", "leaderOf"}
    }
    assert positions["Sapar Isakov"] == ("prime minister", "former")
    assert positions["Kursan Asanov"] == ("acting interior minister", "acting")


ENTITY_CASES = [
    ("IDG News Service reporter Grant Gross wrote the story in Boston.", "Institution", {"IDG News Service"}),
    # an acronym opening a sentence is a name, though the tagger took it for an adjective
    ("ONGC is India's largest oil company, based in Delhi.", "Institution", {"ONGC"}),
    # a given name and a surname after a title or an honorific are a person's name
    ("Lib Dem MP Parmjit Singh Gill overturned a big Labour majority.", "Person", {"Parmjit Singh Gill"}),
    ("Archbishop of Canterbury Dr Rowan Williams said the law was wrong.", "Person", {"Rowan Williams"}),
    # a one-word name after a person's role is a person known by it, though it is also a first name
    ("Pop queen Madonna is due to introduce the broadcast on Saturday.", "Person", {"Madonna"}),
    # a name NER took for a nationality that takes a possessive is a body's
    (
        "But Coldplay’s Chris Martin, singers Dido and Robbie Williams have the opening lines of the song.",
        "Institution",
        {"Coldplay"},
    ),
    # the place of a title ends it: no given name of the person after it
    (
        "Church row\n\nArchbishop of Canterbury Rowan Williams said the law was wrong.",
        "Person",
        {"Rowan Williams"},
    ),
    # a country NER found in a numbered list, where the tagger took it for a common noun
    ("CONFIRMED DEATH TOLLS\n\n4. Thailand: 4,993 5. Somalia: 142", "Place", {"Thailand", "Somalia"}),
    # a description NER ran into a club's name
    ("Premiership champions Arsenal and Liverpool were drawn against German sides.", "Institution", {"Arsenal"}),
    # the BBC's news division is a body the press names (GUIDELINES.md 2.1), not page furniture
    ("A spokesman told BBC News that the letters had been sent.", "Institution", {"BBC News"}),
    # a name described at once by a person's role is a person's, whatever the typing model makes of it
    ("Ban Ki-moon, the UN secretary-general, visited Darfur.", "Person", {"Ban Ki-moon"}),
    # a paper the text calls one, or tells something to, is a body whatever the typing model says
    ("A poll for the News of the World newspaper suggests Labour will win.", "Institution", {"News of the World"}),
    # NER's "the Sunday" + "Times Mr": the weekday is the paper's, the honorific the next name's
    (
        "A Labour source told the Sunday Times Mr Campbell would front the campaign.",
        "Institution",
        {"Sunday Times"},
    ),
    # a family name written first is no common word of the story written small ("Hu", "human")
    (
        "Chinese President Hu Jintao met Lula in Beijing. Hu said human rights would be discussed."
        " Lula thanked President Hu Jintao.",
        "Person",
        {"Hu Jintao"},
    ),
    # a chamber by its short form, which NER leaves untagged; one node with the archive's full name
    ("MPs voted in the Commons on Tuesday.", "Institution", {"Commons"}),
    # an abbreviated title is no part of the name
    ("Gov. Jennifer Granholm and Sen. Carl Levin spoke in Lansing.", "Person", {"Jennifer Granholm", "Carl Levin"}),
    # a group of states by its number, which NER and the typing model miss
    ("Mr Martin will use Canada's presidency of the G8 to push for aid to Africa.", "Institution", {"G8"}),
    # lower-case institutions by head noun
    (
        "Kyrgyzstan's interior ministry and national security committee were seized.",
        "Institution",
        {"interior ministry (Kyrgyzstan)", "national security committee (Kyrgyzstan)"},
    ),
    (
        "One person was killed, according to Kyrgyzstan's health ministry.",
        "Institution",
        {"health ministry (Kyrgyzstan)"},
    ),
    # names spaCy types ORG that are places
    ("There was open conflict over disputed territories in the Caucasus.", "Place", {"Caucasus"}),
    ("The second-largest gold deposit in Kyrgyzstan, Jeruy, was shut down.", "Place", {"Jeruy", "Kyrgyzstan"}),
    ("Supporters were gathering in the southern city of Osh.", "Place", {"Osh"}),
    # parties by nickname and head noun
    (
        "The Tories dismissed the plan, while the Liberal Democrats said it was misdirected.",
        "Party",
        {"Conservative Party", "Liberal Democrats"},
    ),
    (
        "Allies of Almazbek Atambayev in Kyrgyzstan had formed an opposition “coordination council”. Kyrgyzstan is tense.",
        "Party",
        {"coordination council (Kyrgyzstan)"},
    ),
    # a party's name or nickname wherever it is written with its capital
    ("Liberal Democrat leader Charles Kennedy said he was saddened.", "Party", {"Liberal Democrats"}),
    ("It has been used by Labour and Conservative governments.", "Party", {"Labour Party", "Conservative Party"}),
    # constituencies with "and" are one place
    ("Quentin Davies, the MP for Grantham and Stamford, was attacked.", "Place", {"Grantham and Stamford"}),
    ("She was elected as the member for Kensington and Chelsea in 2019.", "Place", {"Kensington and Chelsea"}),
    # a town and two compass words are a constituency, whatever NER said
    (
        "The seats are: Bristol West, Cardiff Central, Leeds North West, Cambridge and Surrey South West.",
        "Place",
        {"Bristol West", "Leeds North West", "Surrey South West"},
    ),
    # one NER span holding several names is split
    ("Riots spread to the Midlands, Merseyside, Bristol and Leeds.", "Place", {"Midlands", "Merseyside"}),
    ("Mr Straw visited the Golden Temple in Amritsar.", "Place", {"Golden Temple", "Amritsar"}),
    ("He is setting up a new political party called Veritas - Latin for truth.", "Party", {"Veritas"}),
    # a name in front of a place noun, or a gazetteer place NER left untagged
    (
        "Troops were sent to Pakistan's Sindh province and India's Rajasthan state.",
        "Place",
        {"Sindh", "Rajasthan"},
    ),
    ("He became Lord Callaghan of Cardiff in 1987.", "Place", {"Cardiff"}),
    ("He died at a Nairobi hospital on Sunday.", "Place", {"Nairobi"}),
    # named sites are places, even when NER says ORG
    (
        "Mr Davies said the mugging occurred near the Nairobi Serena Hotel and the Anglican Cathedral.",
        "Place",
        {"Nairobi Serena Hotel", "Anglican Cathedral"},
    ),
    # the span NER took is cut to the name
    (
        "He became director of the left-leaning Institute for Public Policy Research.",
        "Institution",
        {"Institute for Public Policy Research"},
    ),
    # two bodies joined by "and the" are two, however the parser hangs them together
    (
        "A complaint was made to the body by the Board of Deputies of British Jews and the Commission for"
        " Racial Equality.",
        "Institution",
        {"Board of Deputies of British Jews", "Commission for Racial Equality"},
    ),
    # people NER missed or mistyped
    ("Local police were surprised. Mr Davies, 60, said the mugging occurred at dusk.", "Person", {"Davies"}),
    (
        "Mr Smith had a public disagreement with Tony Smith's daughter Victoria over civil rights.",
        "Person",
        {"Victoria"},
    ),
    # acronyms NER missed, or tagged in front of a noun
    # an armed political movement is a Party (tests/gold/GUIDELINES.md)
    ("He rode out the mass IRA escape from the Maze in 1983.", "Party", {"IRA"}),
    # ... and so is one its article calls a movement, or a militant or rebel group
    (
        "Support for the increasingly popular Islamic militant group Hamas has grown in Gaza.",
        "Party",
        {"Hamas"},
    ),
    ("The Tamil Tigers' rebel group LTTE said it would talk to the government in Colombo.", "Party", {"LTTE"}),
    # "NAME movement": the name is the body, and a movement in every mention of its article
    (
        "He was the best hope for Arafat's Fatah movement. A Fatah leader in Ramallah backed him.",
        "Party",
        {"Fatah"},
    ),
    ("Leaders of the Taliban movement met in Kandahar on Monday. A Taliban spokesman denied it.", "Party", {"Taliban"}),
    ("He was arrested following the screening of a BBC documentary.", "Institution", {"BBC"}),
    # a street or palace that acts is the office it houses; one the text is in is the place
    (
        "A spokesman said Downing Street had no comment. The plan was drafted by Downing Street.",
        "Institution",
        {"Downing Street"},
    ),
    (
        "Buckingham Palace said the Queen was well, a Buckingham Palace spokesman told the BBC.",
        "Institution",
        {"Buckingham Palace"},
    ),
    (
        "Talks were held in Downing Street on Monday. Protesters gathered outside Downing Street.",
        "Place",
        {"Downing Street"},
    ),
    ("Ex-Downing Street aide Tim Allan said the campaign was over.", "Institution", {"Downing Street"}),
    # a city listed with other places is the city, in every mention of its article; clubs stay clubs
    (
        "Conferences have rotated between Blackpool, Bournemouth and Brighton. Bournemouth hosted the last.",
        "Place",
        {"Blackpool", "Bournemouth", "Brighton"},
    ),
    ("He visits Manchester, Liverpool, Leicester and Slough this week.", "Place", {"Liverpool", "Slough"}),
    ("Liverpool, Arsenal and Chelsea lead the league after Liverpool beat Everton.", "Institution", {"Liverpool"}),
    # a country inside an event's name is still the country
    ("Tony Blair should not be criticised over his handling of the Iraq war.", "Place", {"Iraq"}),
    # the mention typer: an acronym beside "circles" is a party's; a town of the gazetteer after "from"
    ("He was held in esteem in Dublin government and SDLP circles.", "Party", {"SDLP"}),
    ("Two men, both from Keighley, were arrested in September.", "Place", {"Keighley"}),
    # an empire is a state of the past, a place, though the typing model makes it a body
    (
        "He was suspended after his views, including the return of the British Empire, were published."
        " The Ottoman Empire collapsed in 1922.",
        "Place",
        {"British Empire", "Ottoman Empire"},
    ),
    # a party's share moves by points too: it stays a party
    ("Labour fell five points behind the Conservatives in the poll.", "Party", {"Labour Party"}),
    # a road with a compass word after it, which NER took for a body
    (
        "Witnesses saw them drive to a warehouse on an industrial estate off Birch Road East, the court was told.",
        "Place",
        {"Birch Road East"},
    ),
    ("The shop on Yonge Street North was closed, police in Toronto said.", "Place", {"Yonge Street North"}),
    # a name ending in its members' "-ists" is a political movement, not a person or a body
    ("Elections reduced the influence of David Trimble's Ulster Unionists.", "Party", {"Ulster Unionists"}),
    ("The Union of Concerned Scientists agreed.", "Institution", {"Union of Concerned Scientists"}),
    ("Man held\n\nHe was arrested by West Yorkshire police officers.", "Institution", {"West Yorkshire police"}),
    ("He met Tony Blair and Gordon Brown, Tory spokesman Tim Yeo said.", "Person", {"Tony Blair", "Gordon Brown"}),
    # a local force named by its place is a body, as a state's is by its state
    ("Norfolk police said the man was arrested on Tuesday.", "Institution", {"Norfolk police"}),
    # a match's score is no part of a club's name
    ("Arsenal beat Chelsea 2-1 on Saturday.", "Institution", {"Chelsea"}),
    # a person named after a work noun is no work: "the book Gordon Brown wrote"
    ("He praised the book Gordon Brown wrote last year. Gordon Brown is chancellor.", "Person", {"Gordon Brown"}),
    # a county after a town and a comma, whatever NER took it for
    ("John Holliday, 37, a huntsman from Ledbury, Herefordshire, was charged.", "Place", {"Herefordshire"}),
    # a name NER took for a body, followed by an age, is a person's
    ("Marie Magdefrau Ferraro, 50, of Bethany, Conn., was shot on Thursday.", "Person", {"Marie Magdefrau Ferraro"}),
    # a given name before the surname of the one person named in full is another of that family,
    # where NER missed the name ("Otis Ferry", a PRODUCT here)
    (
        "Those charged included Otis Ferry, the 22-year-old son of rock star Bryan Ferry and Luke Tomlinson.",
        "Person",
        {"Otis Ferry", "Bryan Ferry", "Luke Tomlinson"},
    ),
    # capitalised words ending in a company's legal form
    (
        "The Internal Revenue Service and Manufacturers Hanover Trust Co. of New York said they would appeal.",
        "Institution",
        {"Manufacturers Hanover Trust Co."},
    ),
    # a partnership's names, the last two joined by "&", are one firm
    ("The firm Simpson, Thacher & Bartlett advised the bank.", "Institution", {"Simpson, Thacher & Bartlett"}),
    # what the copula calls a town is a place, NER's person or no entity of NER's
    ("Randolph is a town in Coos County, New Hampshire.", "Place", {"Randolph"}),
    ("Carlisle is a city in Cumbria, England.", "Place", {"Carlisle"}),
    # a known place before "-based"
    ("Lawyers sent the Stockholm-based tracker site an order.", "Place", {"Stockholm"}),
    # a paper named by its weekday, which NER took for a date
    ("Claims by Sunday Telegraph journalist Robert Peston were denied.", "Institution", {"Sunday Telegraph"}),
]


@pytest.mark.parametrize(("text", "cls", "labels"), ENTITY_CASES)
def test_entities_are_found_with_their_class(text: str, cls: str, labels: set[str]) -> None:
    assert labels <= entities_by_class(graph_of(text)).get(cls, set())


HEADLINES_PAGE = (
    "Democracy Now\n\nListen to the show: Agent Flown Out of Iraq by U.S. Army After Reporting Torture of Detainees"
    " Will the AFL-CIO Split? A Debate on the Future of Labor\n\nAgent Flown Out of Iraq by U.S. Army After Reporting"
    " Torture of Detainees A veteran sergeant who told his officers about abuse was flown out. He had served in the"
    " U.S. Army for years.\n\nWill the AFL-CIO Split? A Debate on the Future of Labor A handful of union leaders met"
    " on Monday. The AFL-CIO said its unions may split."
)

JUNK = [
    # ... but a one-word name at a sentence's start is no body unless a title follows
    ("Rangers lost to Celtic in Glasgow on Sunday.\n\nCeltic fans cheered. Rangers fans left early.", "Rangers fans"),
    # an award's category is no role that describes a person
    ("Scorsese has never won the best director Oscar, but hopes rose in Los Angeles.", "Oscar"),
    # a people in the plural takes a possessive too
    ("The Palestinians' leader spoke in Ramallah on Monday.", "Palestinians"),
    # a capitalised word after a verb, before "in" and a division, is no village
    ("The bishop celebrated Mass in Cork on Sunday, and again in Kerry.", "Mass"),
    # a name the story calls a film or a book is a work, in every mention of it there
    ("The road movie Sideways led the awards chatter. Paul Giamatti won praise for Sideways.", "Sideways"),
    ("The comedy Fat Albert debuted in second place.", "Fat Albert"),
    ("Firefox is a free browser from a foundation in California. Firefox lets you open tabs.", "Firefox"),
    ("The nominees included Kinsey, starring Liam Neeson, and Closer, starring Jude Law.", "Kinsey"),
    ("The nominees included Kinsey, starring Liam Neeson, and Closer, starring Jude Law.", "Closer"),
    # ... also where NER finds the name only in another sentence, or in a list after "such as"
    (
        "It was followed by the debut of the Howard Hughes biopic The Aviator with US$9.4 million dollars. The"
        " Aviator picked up six Golden Globe nominations.",
        "Aviator",
    ),
    ("Despite classics such as Taxi Driver and Goodfellas, Martin Scorsese has never won.", "Taxi Driver"),
    ("Despite classics such as Taxi Driver and Goodfellas, Martin Scorsese has never won.", "Goodfellas"),
    # the tail of a firm's name NER cut at its comma
    ("Sears, Roebuck and Co. said profits rose in Chicago.", "Roebuck"),
    # a headline's capitals run on after a name the page writes elsewhere
    (HEADLINES_PAGE, "After Reporting"),
    (HEADLINES_PAGE, "AFL-CIO Split"),
    # a state's government by its capital is no local body
    ("Sir Nicholas was held in esteem in Dublin government and SDLP circles.", "Dublin government"),
    # "the police" with nothing that picks one force out is the police in general, no body
    (
        "Man held in Britain\n\nA British man was arrested in London. The police said he had been drinking. Britain has"
        " strict laws.",
        "police",
    ),
    # the portfolios of a title are no bodies or places
    ("Her call was backed by Culture, Media and Sport Secretary Tessa Jowell.", "Culture"),
    ("Her call was backed by Culture, Media and Sport Secretary Tessa Jowell.", "Media"),
    # a weekday after a word of time is the date, not a paper's name
    ("On Monday Labour said it would win the seat.", "Monday Labour"),
    ("Burnt cars littered Bishkek, the capital, on Tuesday morning.", "Burnt"),
    ("Debris from inside, including government papers, was strewn outside.", "Debris"),
    (
        "People protesting outside the building. Photograph: Vyacheslav Oseledko/AFP via Getty Images\n\nDemonstrators also breached it.",
        "Getty Images",
    ),
    ("BISHKEK (REUTERS) - Opposition groups in Kyrgyzstan said they had seized power.", "REUTERS"),
    ("Shadow Home Secretary David Davis told BBC Radio his concern.", "Shadow Home"),
    (
        "We have taken all possible measures. – Copyright The Financial Times Limited 2020",
        "The Financial Times Limited",
    ),
    # the place of a peer's title names no place of its own
    ("Lord Callaghan of Cardiff spoke to peers on Tuesday.", "Cardiff"),
    # groups named by a title or a demonym
    ("Mr Jackson would be warmly welcomed by Labour MPs.", "MPs"),
    ("Most Gibraltarians rejected plans for the Rock's sovereignty to be shared.", "Gibraltarians"),
    (
        "Talks on Kashmir resumed. This will make a real difference to the lives of Kashmiris on both sides, he said.",
        "Kashmiris",
    ),
    ("Jack Straw, touring South East Asian countries, praised the deal.", "South East"),
    # the end of a title, and bodies only named in passing or in general
    ("Secretary of State Hillary Clinton flew to Nairobi.", "State"),
    ("Former Cabinet minister Helen Liddell is to become high commissioner.", "Cabinet"),
    ("He was found slumped in the street by police during the party conference.", "police"),
    ("In an interview in the British newspaper the Independent, Mr Abbas said peace was possible.", "newspaper"),
    # a headline's two names run together, a person's surname and a party, stay two names
    (
        "Blair Labour's longest-serving PM\n\nTony Blair has become the Labour Party's longest-serving prime minister."
        " Mr Blair thanked Labour members.",
        "Blair Labour",
    ),
    # a job's or a technology's letters are no body
    ("The company's CTO said Spamhaus had blocked the messages in London.", "CTO"),
    ("Vonage sells VOIP services to homes in New Jersey.", "VOIP"),
    # one of a kind: a name after "a" or "your" is a common noun's capitals
    ("Spam will be reported to your ISP for further action, the company in Leeds said.", "ISP"),
    ("Hackers launched a DDoS against Microsoft, the company said in Seattle.", "DDoS"),
    # a state's partners named after it ("US-led", "Saudi-backed") are no body of their own
    (
        "Former Cabinet minister Helen Clark has criticised the US-led tsunami aid coalition, saying the UN should"
        " be leading efforts. New Zealand's government in Wellington agreed, and New Zealand MPs backed her.",
        "led tsunami aid coalition",
    ),
    # a term of office
    ("Mr Martin will use Canada's presidency of the G8 to push for aid to Africa.", "presidency"),
    # a disease or a unit named by its letters, though NER takes it for a body
    ("Mr Gonzi said TB was a threat. Cases of TB rose in Valletta, where TB clinics opened.", "TB"),
    # a lower-case word is no name
    ("The engine was built in Canada. Isp : 420 sec. Burn time : 249 sec.", "sec"),
    # a description beside a name, or of a body named before; followers; a common noun with a capital
    ("The councils' umbrella organisation Cosla said it was worried about funding in Scotland.", "organisation"),
    ("Wangari Maathai founded it in Kenya. This grassroots movement had a broader impact.", "movement"),
    ("It was the last stand of the Thatcherites, he said in London.", "Thatcherites"),
    ("I work at a large Hospital in Leeds, she told the BBC.", "Hospital"),
    # a scraped page's links inside a name
    (
        "Although Microsoft (Profile, Products, Articles) Corp. still dominates the browser market, it lost ground.",
        "Corp",
    ),
    ("Brown names 16 March for Budget\n\nThe Budget will be on 16 March, the Treasury said in London.", "Budget"),
    ("The Conservative Party Co-Chairman said the British electorate had a choice.", "Co-Chairman"),
    # a name that only qualifies a kind, names products in a list, an index or a sector
    ("Victorian Tamil community spokesperson Nagamuthu Wickiramasingham said aid was slow.", "Victorian"),
    ("The chain has added brands such as Thalia Sodi, Jaclyn Smith and Joe Boxer in Chicago.", "Jaclyn"),
    ("The BSE Sensex fell 74.69 points or 1.3 pc to 5620.98 in Mumbai.", "Sensex"),
    ("However, Cigarette major ITC lost 1.35 pc at Rs 1010 in Mumbai.", "Cigarette"),
    # a party's name ends at its head noun: the seat of its group is no part of it
    ("Scottish National Party Holyrood leader Nicola Sturgeon accused him of failing his constituents.", "Holyrood"),
    # events and laws
    ("Mrs Howard made her debut speech at the Conservative Party Conference in Bournemouth.", "Conference"),
    ("He was a strong defender of the Anglo-Irish Agreement.", "Agreement"),
    # a common acronym or a body's bare head before a role is no body's name
    ("Mr Brown married PR executive Sarah Macaulay in London in 2000.", "PR"),
    ("Committee chairman Austin Mitchell said stocks were wasted in Grimsby.", "Committee"),
    # an honorific that is also a common word makes no name of the word after it; nor a title of jobs
    ("The measures became law after Mr Blunkett added them to the Criminal Justice Bill in Leeds.", "Bill"),
    ("Job: Accountant Director Physician Educator/Teacher Engineer, in Boston.", "Physician Educator"),
    # a gloss after a dash
    ("He is setting up a new political party called Veritas - Latin for truth.", "Latin"),
]


def test_a_chambers_short_form_joins_the_chamber() -> None:
    graph = graph_of("Peers backed a Lords amendment. The House of Lords rose at ten.")
    aliases = {d["label"]: d["aliases"] for _, d in graph.nodes(data=True)}
    assert "Lords" in aliases["House of Lords"], aliases


@pytest.mark.parametrize(
    ("text", "label", "not_alias"),
    [
        # the end of a double name is no mention of the person
        (
            "Robert Kilroy-Silk quit UKIP. Roger Knapman says he was glad to see the back of Mr Kilroy-Silk.",
            "Robert Kilroy-Silk",
            "Silk",
        ),
    ],
)
def test_a_surname_is_the_person_only_where_it_stands_alone(text: str, label: str, not_alias: str) -> None:
    aliases = {d["label"]: d["aliases"] for _, d in graph_of(text).nodes(data=True)}
    assert not_alias not in aliases[label], aliases


def test_a_peers_title_in_the_plural_is_no_chamber() -> None:
    institutions = entities_by_class(graph_of("Lords Bingham and Nicholls dissented from the ruling.")).get(
        "Institution", set()
    )
    assert "Lords" not in institutions


@pytest.mark.parametrize(("text", "junk"), JUNK)
def test_non_entities_are_not_nodes(text: str, junk: str) -> None:
    labels = {label for found in entities_by_class(graph_of(text)).values() for label in found}
    assert not any(junk.lower() in label.lower() for label in labels), labels


@pytest.mark.parametrize(("text", "is_people"), [("Sri Lankans", True), ("New Zealanders", True), ("Sri Lanka", False)])
def test_a_demonym_of_two_words_names_people(text: str, is_people: bool) -> None:
    from kg.extract.mentions import is_demonym_form
    from kg.knowledge import load_knowledge

    assert is_demonym_form(text, load_knowledge(), frozenset()) is is_people


@pytest.mark.parametrize(
    "text",
    [
        "Among them will be the Muslim Council of Britain (MCB). The chairman spoke in London.",
        "Delegates of the Federation of Kenya Employers (FKE) met in Nairobi on Monday.",
    ],
)
def test_an_acronym_in_brackets_is_no_part_of_the_name_before_it(text: str, nlp, knowledge) -> None:
    from kg.extract.mentions import extract_mentions

    names = [m.span.text for m in extract_mentions(nlp(text), knowledge)]
    assert not any("(" in name for name in names), names


def test_a_name_that_only_qualifies_a_kind_is_no_mention(nlp, knowledge) -> None:
    """ "six Golden Globe nominations": an award, which NER calls a facility; the typing model
    drops it in one sentence but kept it in its article's paragraph, so the mention is the test."""
    from kg.extract.mentions import extract_mentions

    doc = nlp("The Aviator picked up six Golden Globe nominations, including best drama film nods.")
    assert not any("Globe" in m.span.text for m in extract_mentions(doc, knowledge))


@pytest.mark.parametrize(
    ("text", "fact", "status"),
    [
        # a passive subject holds the post its "as" names: sworn in, appointed
        (
            "Rauhi Fattouh was sworn in as leader of the Palestinian Authority on Thursday.",
            ("Rauhi Fattouh", "leaderOf", "Palestinian Authority"),
            "current",
        ),
        # a verb that ends the holding leaves it held no more
        (
            "Anil Ambani has resigned as vice chairman of Reliance Industries.",
            ("Anil Ambani", "holdsPosition", "Reliance Industries"),
            "former",
        ),
        (
            "Jose Mourinho was sacked as manager of Chelsea in September.",
            ("Jose Mourinho", "employedBy", "Chelsea"),
            "former",
        ),
    ],
)
def test_as_title_with_passive_subject_and_ending_verb(text: str, fact: tuple[str, str, str], status: str) -> None:
    graph = graph_of(text)
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    found = {(labels[s], d["predicate"], labels[o]): d.get("status") for s, o, d in graph.edges(data=True)}
    assert found.get(fact) == status, found


def test_a_shadow_post_is_the_party_the_archive_gives_that_person_a_shadow_post_in() -> None:
    graph = graph_of(
        "Tory plans\n\nTory shadow chancellor Oliver Letwin said Britain needed lower taxes.",
        "Tax row\n\nShadow chancellor Oliver Letwin said the Conservatives would cut taxes.",
    )
    read = {
        (graph.nodes[s]["label"], graph.nodes[o]["label"], ev.rule)
        for s, o, d in graph.edges(data=True)
        if d["predicate"] == "holdsPosition"
        for ev in d.get("evidence") or ()
    }
    assert ("Oliver Letwin", "Conservative Party", "shadow-title-party") in read
