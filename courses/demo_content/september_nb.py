"""The demo course in Norwegian Bokmål, written for students in Oslo beside september.py.

Same modules, the same blocks in the same order and the same questions with the same answers in the same order
(the key lives only in september.py: a translation never decides what is right). Choices are (text, feedback); a
true/false question is (statement, feedback for the wrong answer, feedback for the right answer), as in English.
"""

TRAINING_INDEX = {
    "title": "Opplæring",
    "introduction": "<p>Kurs for studenter som skal bli likepersoner: Meld deg på, gå gjennom modulene i ditt eget "
    "tempo, og følg med på framgangen din på Min side.</p>",
}

COURSE = {
    "title": "Opplæring for likepersoner, september 2026",
    "introduction": (
        "<p>Sju korte moduler som gjør deg klar til å være likeperson for medstudenter: hva rollen er og ikke er, "
        "hvordan du lytter, hvordan du holder på det du får vite og når du ikke kan, hvor du sender noen som trenger "
        "mer hjelp, hvordan du leder en gruppe, og hvordan du tar vare på deg selv.</p>"
    ),
    "learning_outcomes": (
        "<ul><li>Beskrive hva en likeperson gjør, og hvor rollen slutter.</li>"
        "<li>Lytte aktivt og svare med empati, uten å skynde deg med å løse problemet.</li>"
        "<li>Overholde taushetsplikten, og kjenne igjen når fare for liv eller helse går foran.</li>"
        "<li>Vise en medstudent videre til studenthelsetjenesten, fastlegen, legevakten (116 117) eller "
        "nødnummeret (113).</li>"
        "<li>Lede en inkluderende gruppesamtale eller et sosialt arrangement.</li>"
        "<li>Holde sunne grenser og be om veiledning når du trenger det.</li></ul>"
    ),
}

MODULES = [
    {
        "title": "Likepersonens rolle, og grensene for den",
        "summary": "Hva du tilbyr som likeperson, hva du ikke gjør, og hvorfor grensene beskytter alle.",
        "body": [
            (
                "paragraph",
                "<p>En likeperson er en medstudent som har tid til å lytte. Du er ikke terapeut, lege eller "
                "studieveileder, og ingen venter at du skal være det. Det du kan by på, er noe fagfolk ofte ikke "
                "kan: Du er på samme alder og i samme situasjon, du vet hvordan en eksamensperiode kjennes, og du er "
                "lett å ta kontakt med.</p>"
                "<p>Oppgavene dine er å lytte, hjelpe en medstudent med å sortere egne tanker, fortelle hvor det "
                "finnes hjelp, og skape steder der studenter møter hverandre: samtalegrupper, turer, middager og "
                "pauser fra lesesalen.</p>",
            ),
            (
                "callout",
                {
                    "tone": "important",
                    "title": "Dette gjør du ikke",
                    "text": "<p>Du stiller ikke diagnoser, gir ikke behandling, gir ikke medisinske eller juridiske "
                    "råd og lover ikke noe om utfallet. Du gjør ikke en medstudents problem til ditt eget prosjekt. "
                    "Når en samtale blir mer enn en likeperson kan bære, er jobben din å hjelpe personen fram til "
                    "noen som kan.</p>",
                },
            ),
            (
                "case_study",
                {
                    "title": "Ola etter den første eksamenen",
                    "story": "<p>Ola går første år på Blindern. Han forteller at han strøk på den første eksamenen "
                    "sin og ikke har sovet ordentlig på en uke. Han spør om du tror han er deprimert, og hvilken "
                    "medisin som kan hjelpe.</p>",
                    "questions": [
                        "Hva kan du by Ola på som likeperson?",
                        "Hvilke av spørsmålene hans hører hjemme hos fagfolk?",
                    ],
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Hvorfor ville du bli likeperson? Hva håper du å gi, og hva er du usikker på?",
                    "guidance": "Det er bare du som kan lese dette svaret.",
                },
            ),
        ],
        "quiz": [
            (
                "Hva av dette er en del av likepersonens rolle?",
                [
                    (
                        "Å lytte og hjelpe en medstudent med å finne riktig hjelp",
                        "Ja. Å lytte og vise vei er kjernen i rollen.",
                    ),
                    (
                        "Å vurdere om en medstudent har en psykisk lidelse",
                        "Nei. Vurdering og diagnose hører hjemme hos helsepersonell.",
                    ),
                    (
                        "Å bestemme hvilket studieprogram en student bør bytte til",
                        "Nei. Du kan lytte, men valg av studium er studentens eget, med hjelp fra studieveilederne.",
                    ),
                ],
            ),
            (
                "En likeperson bør prøve å løse problemet for medstudenten.",
                "Feil: Tar du over problemet, tar du det fra den det tilhører.",
                "Riktig. Du hjelper folk med å finne sin egen vei og riktig hjelp; du tar ikke over problemet.",
            ),
            (
                "Hvilke styrker har en likeperson?",
                [
                    ("Å være på samme alder og i samme situasjon", "Ja, det gjør deg lett å snakke med."),
                    ("Å vite hvordan studielivet kjennes", "Ja, felles erfaring skaper tillit."),
                    ("Å kunne skrive ut behandling", "Nei. Likepersoner skriver aldri ut eller gir behandling."),
                    (
                        "Å være tilgjengelig for en prat i uformelle omgivelser",
                        "Ja, uformell kontakt senker terskelen.",
                    ),
                ],
            ),
            (
                "Ola spør hvilken medisin som kan hjelpe ham å sove. Hva gjør du?",
                "<p>Ola har sovet dårlig i en uke etter at han strøk på eksamen, og spør deg hvilken sovemedisin "
                "som virker best.</p>",
                [
                    (
                        "Forteller hvilken som virket for deg",
                        "Nei. Medisinske råd, selv velmente, ligger utenfor rollen din og kan skade ham.",
                    ),
                    (
                        "Lytter, og foreslår at han snakker med fastlegen eller studenthelsetjenesten om søvnen",
                        "Ja. Du tar ham på alvor og viser ham til noen som kan hjelpe med medisiner.",
                    ),
                    (
                        "Sier at alle sover dårlig i eksamenstida, og bytter tema",
                        "Nei. Da avfeier du det han forteller.",
                    ),
                ],
            ),
        ],
    },
    {
        "title": "Aktiv lytting",
        "summary": (
            "Å lytte slik at den andre føler seg hørt: oppmerksomhet, åpne spørsmål, oppsummeringer og stillhet."
        ),
        "body": [
            (
                "paragraph",
                "<p>Aktiv lytting betyr å gi den andre hele oppmerksomheten din og vise at du følger med. Legg "
                "bort mobilen, vend deg mot personen og la hen snakke ferdig. De fleste merker i løpet av et minutt "
                "om noen virkelig lytter.</p>",
            ),
            ("heading", {"text": "Fire verktøy", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Åpne spørsmål</b> begynner med hvordan, hva eller fortell: «Hvordan har uka vært?» "
                "inviterer til mer enn «Var uka grei?».</li><li><b>Oppsummeringer</b> viser at du har forstått: "
                "«Så fristen ble flyttet, og nå havner alt i samme uke?».</li><li><b>Små tegn</b> – et nikk, «mm», "
                "«fortell mer» – holder fortellingen i gang.</li><li><b>Stillhet</b> gir rom til å tenke. Tell til "
                "fem før du fyller en pause.</li></ul>",
            ),
            (
                "callout",
                {
                    "tone": "info",
                    "title": "Unngå",
                    "text": "<p>Å avbryte med din egen historie, å gi råd før du har forstått, og "
                    "«hvorfor»-spørsmål som kan høres ut som bebreidelser.</p>",
                },
            ),
            (
                "reflection",
                {"prompt": "Tenk på en gang noen virkelig lyttet til deg. Hva gjorde de?", "guidance": ""},
            ),
        ],
        "quiz": [
            (
                "Hvilket av disse er et åpent spørsmål?",
                [
                    ("Gikk seminaret bra?", "Dette kan besvares med ja eller nei."),
                    ("Hvordan opplevde du seminaret?", "Ja. Det inviterer personen til å fortelle mer."),
                    ("Du likte ikke seminaret, gjorde du vel?", "Dette er et ledende spørsmål."),
                ],
            ),
            (
                "En kort stillhet i en samtale er noe du som regel bør fylle raskt.",
                "Feil: Stillhet gir ofte den andre rom til å tenke og fortsette.",
                "Riktig. Stillhet kan være nyttig; gi den noen sekunder.",
            ),
            (
                "Hva av dette viser at du lytter?",
                [
                    ("Å oppsummere det du har hørt", "Ja."),
                    ("Å sjekke mobilen innimellom", "Nei. Det signaliserer at noe annet er viktigere."),
                    ("Å nikke og gi korte oppmuntringer", "Ja."),
                    (
                        "Å fortelle en lignende historie om deg selv med en gang",
                        "Nei. Da flytter du oppmerksomheten til deg.",
                    ),
                ],
            ),
            (
                "Hva er det beste svaret?",
                "<p>Sara sier: «Jeg vet ikke, alt er bare litt mye nå, med flyttingen til ny hybel og "
                "kollokviegruppa og alt.»</p>",
                [
                    (
                        "«Du burde lage en liste og ta én ting om gangen.»",
                        "For tidlig med råd; du vet ennå ikke hva som er verst.",
                    ),
                    (
                        "«Det høres ut som mye skjer på en gang. Hva kjennes tyngst?»",
                        "Ja. En kort oppsummering og et åpent spørsmål.",
                    ),
                    ("«Alle har det sånn det første semesteret.»", "Det kan være sant, men hun kan føle seg oversett."),
                ],
            ),
        ],
    },
    {
        "title": "Empati og anerkjennelse",
        "summary": "Å vise at følelser gir mening, uten å være enig i alt eller ta dem over.",
        "body": [
            (
                "paragraph",
                "<p>Empati er å prøve å forstå hvordan noe kjennes for den andre. Anerkjennelse er å si at "
                "følelsen gir mening: «Ikke rart du er skuffet, du har jobbet hardt for det.» Du kan anerkjenne en "
                "følelse uten å være enig i alle konklusjonene.</p>"
                "<p>Medlidenhet («stakkars deg») ser på personen utenfra. Empati står ved siden av. Sammenligning "
                "(«du har da i hvert fall …») får som regel folk til å føle seg mindre.</p>",
            ),
            (
                "case_study",
                {
                    "title": "Amina og gruppeoppgaven",
                    "story": "<p>Amina er rasende på gruppa si, som lot henne gjøre hele gruppeoppgaven alene. Hun "
                    "sier at hun skal melde dem alle sammen og slutte på emnet.</p>",
                    "questions": [
                        "Hvilken følelse kan du anerkjenne?",
                        "Hvordan svarer du uten å si deg enig i at hun bør slutte?",
                    ],
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Hvilke uttrykk bruker du når noen er lei seg? Hvilke av dem kan virke avfeiende?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "Hvilket svar anerkjenner en følelse?",
                [
                    ("«Du besto i hvert fall de andre eksamenene.»", "«I hvert fall» sammenligner og forminsker."),
                    ("«Det er forståelig at du er lei deg etter all den jobben.»", "Ja."),
                    ("«Ikke vær lei deg, det ordner seg.»", "Dette forteller personen hva hen skal føle."),
                ],
            ),
            (
                "Å anerkjenne en følelse betyr at du er enig i alt personen har tenkt å gjøre.",
                "Feil: Du kan godta følelsen og likevel snakke om planen.",
                "Riktig. En følelse kan være gyldig selv om planen ikke er lur.",
            ),
            (
                "Hva av dette er tegn på empati?",
                [
                    ("Å prøve å se situasjonen fra den andres side", "Ja."),
                    ("Å sette ord på følelsen du hører", "Ja."),
                    ("Å si fort at det kunne vært verre", "Nei. Det er sammenligning."),
                    ("Å ta seg tid før du kommer med forslag", "Ja."),
                ],
            ),
            (
                "Hvordan svarer du Amina?",
                "<p>Amina sier hun skal slutte på emnet fordi gruppa lot henne gjøre hele jobben.</p>",
                [
                    ("«Du har rett, bare slutt.»", "Her sier du deg enig i planen, ikke bare i følelsen."),
                    (
                        "«Det er skikkelig urettferdig å bære hele oppgaven alene. Hva skulle du ønske skjedde nå?»",
                        "Ja. Først anerkjennelse, så et åpent spørsmål om mulighetene hennes.",
                    ),
                    ("«Sånn er gruppearbeid alltid, det må du bare venne deg til.»", "Dette avfeier henne."),
                ],
            ),
        ],
    },
    {
        "title": "Taushetsplikt og plikten til å handle ved fare for liv og helse",
        "summary": "Hva som blir mellom dere, hva du kan ta opp i veiledning, og når du må handle.",
        "body": [
            (
                "paragraph",
                "<p>Medstudenter snakker med deg fordi de stoler på at det blir mellom dere. Du forteller ikke "
                "venner, medstudenter, familie eller sosiale medier hva noen har sagt til deg – heller ikke uten "
                "navn, hvis personen kan kjennes igjen.</p>"
                "<p>I veiledning kan du ta opp samtaler med veilederen din for å få støtte, men uten detaljer som "
                "avslører hvem det gjelder, med mindre det trengs for å hjelpe personen.</p>",
            ),
            (
                "callout",
                {
                    "tone": "confidentiality",
                    "title": "Når taushetsplikten må vike",
                    "text": "<p>Er noen i fare – for sitt eget eller andres liv eller helse – må du handle. Alle i "
                    "Norge har plikt til å hjelpe i en nødsituasjon og til å prøve å avverge alvorlig skade. Ring "
                    "113 hvis livet står i fare akkurat nå, og si fra til veilederen din så snart du kan. Fortell "
                    "personen hva du gjør og hvorfor, hvis det er trygt.</p>",
                },
            ),
            (
                "callout",
                {
                    "tone": "important",
                    "title": "Lov aldri full hemmelighold",
                    "text": "<p>Si tidlig: «Det du forteller meg, blir hos meg, med mindre jeg blir redd for at du "
                    "eller noen andre er i fare. Da må jeg skaffe hjelp.»</p>",
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Hvordan ville du forklart grensene for taushetsplikten i starten av en samtale, med "
                    "dine egne ord?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "Du kan love en medstudent at du aldri skal fortelle noe til noen.",
                "Feil: Det løftet kan du ikke holde hvis noens liv eller helse er i fare.",
                "Riktig. Lov aldri full hemmelighold; forklar heller grensen.",
            ),
            (
                "Hva kan du ta opp i veiledning?",
                [
                    (
                        "Alt, også navn, så veilederen vet hvem det er",
                        "Nei. Del det du trenger for å få støtte, uten detaljer som avslører hvem det er.",
                    ),
                    ("Situasjonen og dine egne reaksjoner, uten å avsløre hvem det gjelder", "Ja."),
                    ("Ingenting", "Veiledningen er der for å støtte deg; du kan godt snakke om samtaler."),
                ],
            ),
            (
                "I hvilke situasjoner må du handle selv om du fikk vite det i fortrolighet?",
                [
                    (
                        "En medstudent sier hen har tenkt å ta livet sitt i kveld",
                        "Ja. Livet er i fare: Ring 113, og bli hos hen hvis du kan.",
                    ),
                    ("En medstudent sier hen ligger etter med pensum", "Nei. Dette blir mellom dere."),
                    (
                        "En medstudent sier at noen truer med å skade hen alvorlig",
                        "Ja. Helsa er i fare: Hjelp hen med å få beskyttelse.",
                    ),
                    ("En medstudent forteller om et brudd med kjæresten", "Nei. Dette blir mellom dere."),
                ],
            ),
            (
                "Hva gjør du?",
                "<p>Sent i en samtale forteller Jonas at han har samlet på tabletter, og at ingen kommer til å savne "
                "ham. Han ber deg om ikke å si det til noen.</p>",
                [
                    (
                        "Holder det for deg selv fordi han ba om det",
                        "Nei. Livet hans kan være i fare; taushetsplikten må vike.",
                    ),
                    (
                        "Sier at du er bekymret og at du skaffer hjelp nå; ringer 113 hvis han er i umiddelbar "
                        "fare, og kontakter veilederen din",
                        "Ja. Du handler, du er ærlig med ham, og du bærer det ikke alene.",
                    ),
                    (
                        "Spør i gruppechatten for likepersoner hva du skal gjøre",
                        "Nei. Da sprer du historien hans; ring etter hjelp direkte.",
                    ),
                ],
            ),
        ],
    },
    {
        "title": "Når og hvordan du viser videre",
        "summary": "Hvem som hjelper med hva: studenthelsetjenesten, fastlegen, legevakten og 113.",
        "body": [
            (
                "paragraph",
                "<p>Å vise videre er ikke å sende noen fra seg. Det er å hjelpe dem fram til den hjelpen de "
                "trenger, og ofte er det det nyttigste du gjør.</p>",
            ),
            ("heading", {"text": "Hvem du sender hvor", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Studenthelsetjenesten og rådgivningen</b> ved utdanningsstedet eller i SiO: samtaler "
                "med psykologer og rådgivere, bekymringer knyttet til studiene.</li><li><b>Fastlegen</b>: "
                "helseplager, søvn, medisiner, henvisning til spesialist. Alle som bor i Norge, har rett på en "
                "fastlege.</li><li><b>Legevakten, 116 117</b>: hjelp som haster når fastlegen har stengt.</li>"
                "<li><b>Nødnummeret 113</b>: når livet er i fare akkurat nå.</li></ul>",
            ),
            (
                "callout",
                {
                    "tone": "info",
                    "title": "Slik viser du videre",
                    "text": "<p>Spør hva personen selv vil. Forklar hva tilbudet gjør og hvordan man kontakter det. "
                    "Tilby å finne nummeret sammen eller å gå dit sammen. Spør senere hvordan det gikk, hvis "
                    "personen vil det.</p>",
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Hvilke tilbud ved ditt eget utdanningssted kjenner du, og hvilke bør du finne ut mer "
                    "om?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "En medstudent har hatt vondt i brystet siden i ettermiddag. Fastlegekontoret er stengt, og det er "
                "ikke akutt. Hvor bør hen ringe?",
                [
                    ("113", "113 er for når livet står i fare akkurat nå."),
                    ("116 117, legevakten", "Ja. Hjelp som haster når fastlegen har stengt."),
                    ("Studentrådgivningen", "Ikke for kroppslige plager som dette."),
                ],
            ),
            (
                "Nødnummeret for medisinsk hjelp i Norge er 113.",
                "Feil: 113 er nødnummeret for medisinsk nødhjelp.",
                "Riktig. 113 er nødnummeret for medisinsk nødhjelp.",
            ),
            (
                "Hva er gode måter å vise videre på?",
                [
                    ("Å forklare hva tilbudet går ut på", "Ja."),
                    ("Å tilby å finne kontaktinformasjonen sammen", "Ja."),
                    ("Å bestille time for personen uten å spørre", "Nei. Spør hva personen vil."),
                    ("Å spørre senere hvordan det gikk, hvis personen vil det", "Ja."),
                ],
            ),
            (
                "Hva foreslår du?",
                "<p>Lise har vært nedfor i flere uker, sover dårlig og har sluttet å gå på forelesninger. Hun er ikke "
                "i fare, men sier at hun ikke vet hvem hun skal snakke med.</p>",
                [
                    ("Å vente og se om det går over", "Flere uker er lenge, og hun har bedt om hjelp."),
                    (
                        "Å foreslå studentrådgivningen eller fastlegen, og tilby å finne kontaktinformasjonen sammen",
                        "Ja. Riktig nivå av hjelp, tilbudt med respekt.",
                    ),
                    ("Å ringe 113", "Hun er ikke i akutt fare."),
                ],
            ),
        ],
    },
    {
        "title": "Å lede gruppesamtaler og sosiale arrangementer",
        "summary": (
            "Å gjøre grupper trygge og inkluderende: avtaler, tur til å snakke, stille deltakere og alkoholfrie tilbud."
        ),
        "body": [
            (
                "paragraph",
                "<p>Mange likepersonmøter er i grupper: en samtalegruppe om studiestress, en tur i Marka, en middag "
                "for nye studenter i fadderuka. Jobben din er å gjøre gruppa trygg og åpen for alle.</p>"
                "<ul><li>Start med en kort avtale: Det som blir sagt her, blir her, alle kan stå over, og én snakker "
                "om gangen.</li><li>Inviter de stille deltakerne uten å sette dem i en klemme.</li><li>Styr vennlig "
                "unna når én person tar all plassen.</li><li>Planlegg sosiale arrangementer som ikke dreier seg om "
                "alkohol, og som er lette å komme til.</li></ul>",
            ),
            (
                "callout",
                {
                    "tone": "important",
                    "title": "Hvis noen forteller noe alvorlig i gruppa",
                    "text": "<p>Takk personen, og tilby en samtale på tomannshånd etter møtet. Gruppa er ikke "
                    "stedet for å håndtere en krise.</p>",
                },
            ),
            (
                "case_study",
                {
                    "title": "Deltakeren som prater mye",
                    "story": "<p>I en samtalegruppe om eksamensstress har én deltaker snakket i et kvarter, og to "
                    "andre har ikke sagt noe.</p>",
                    "questions": ["Hva kan du si?", "Hvordan inviterer du de stille?"],
                },
            ),
        ],
        "quiz": [
            (
                "Hva hører hjemme i en gruppeavtale?",
                [
                    ("Det som blir sagt her, blir her", "Ja."),
                    ("Alle må dele noe personlig", "Nei. Alle kan stå over."),
                    ("Én snakker om gangen", "Ja."),
                    ("Alle kan stå over", "Ja."),
                ],
            ),
            (
                "Et godt sosialt arrangement for nye studenter bør bygges rundt alkohol.",
                "Feil: Mange studenter drikker ikke; alkoholfrie tilbud inkluderer alle.",
                "Riktig. Planlegg arrangementer alle kan være med på.",
            ),
            (
                "Hvordan inviterer du en stille deltaker?",
                [
                    ("«Du har ikke sagt noe ennå, nå er det din tur.»", "Dette setter hen i en klemme."),
                    (
                        "«Er det noen som ikke har sagt noe ennå, som vil legge til noe? "
                        "Det er helt greit å stå over.»",
                        "Ja. En åpen invitasjon med en vei ut.",
                    ),
                    ("Å overse hen, så hen føler seg komfortabel", "Hen vil kanskje si noe, men trenger en åpning."),
                ],
            ),
            (
                "Hva gjør du?",
                "<p>På en gåtur med samtalegruppa sier en deltaker plutselig at hun har tenkt på å skade seg selv.</p>",
                [
                    ("Ber henne fortelle gruppa mer", "Gruppa er ikke stedet for å håndtere dette."),
                    (
                        "Takker henne, sjekker at hun er trygg nå, og snakker med henne på tomannshånd rett etterpå – "
                        "skaffer hjelp hvis hun er i fare",
                        "Ja. Du tar det på alvor, i riktig setting.",
                    ),
                    ("Bytter raskt tema", "Det kan oppleves som en avvisning."),
                ],
            ),
        ],
    },
    {
        "title": "Grenser og egenomsorg",
        "summary": "Å være likeperson over tid: grenser for tid og kontakt, veiledning og dine egne behov.",
        "body": [
            (
                "paragraph",
                "<p>Du kan bare støtte andre over tid hvis du tar vare på deg selv. Bestem når du er tilgjengelig, "
                "og si det tydelig. Du må ikke svare på meldinger om natta. Du kan si: «Jeg kan ikke snakke nå, "
                "kan vi finne et tidspunkt i morgen?»</p>"
                "<p>Det er normalt å bli berørt av det du hører. Bruk veiledningen med veilederen din: Den er der "
                "for deg, ikke som en prøve.</p>",
            ),
            (
                "callout",
                {
                    "tone": "info",
                    "title": "Varselsignaler hos deg selv",
                    "text": "<p>Du tenker på en medstudents problemer hele tida, sover dårlig og føler deg ansvarlig "
                    "for hvordan det går med hen. Snakk med veilederen din.</p>",
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Hva hjelper deg å hente deg inn etter en krevende uke? Hvordan skal du få plass til "
                    "det?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "Det er greit at en likeperson setter av tider da hen ikke er tilgjengelig.",
                "Feil: Å sette grenser er en del av å gjøre rollen godt.",
                "Riktig. Tydelige grenser gjør at du orker å stå i det over tid.",
            ),
            (
                "En medstudent sender deg meldinger hver natt etter midnatt. Hva er et godt svar?",
                [
                    ("Å alltid svare, ellers kan hen føle seg sviktet", "Det holder du ikke ut i lengden."),
                    (
                        "Å si vennlig fra om når du er tilgjengelig, og hvor hen kan få hjelp om natta",
                        "Ja. En tydelig grense, og en vei til hjelp (116 117, eller 113 hvis det haster).",
                    ),
                    ("Å blokkere hen uten forklaring", "En forklaring og et alternativ er snillere."),
                ],
            ),
            (
                "Hva er gode vaner for egenomsorg som likeperson?",
                [
                    ("Å bruke veiledningen", "Ja."),
                    ("Å holde på egne rutiner for søvn og trening", "Ja."),
                    ("Å være tilgjengelig døgnet rundt", "Nei."),
                    ("Å snakke med veilederen din når en samtale sitter i", "Ja."),
                ],
            ),
            (
                "Hva gjør du?",
                "<p>Etter en tung samtale tenker du hele tida på situasjonen til en medstudent, og du sover dårlig "
                "flere netter på rad.</p>",
                [
                    ("Holder det for deg selv; det hører med til rollen", "Du trenger ikke bære det alene."),
                    (
                        "Tar det opp med veilederen din i veiledningen",
                        "Ja. Det er akkurat dette veiledningen er til for.",
                    ),
                    ("Slutter som likeperson med en gang", "Snakk med noen først; det finnes støtte."),
                ],
            ),
        ],
    },
]
