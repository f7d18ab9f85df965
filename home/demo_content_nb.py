"""The demo pages in Norwegian Bokmål: written for Norwegian students, block for block beside demo_content.py.

Each page has the same blocks in the same order as its English version (so links and callouts line up for
translators), but the words are written for Bokmål readers, not translated word by word.
"""

from .demo_content import call_to_action, callout, faq, heading, link, link_list, paragraph, quote

HOME_TITLE = "Likepersonakademiet"
HOME_INTRODUCTION = (
    "<p>Studenter som hjelper studenter. Likepersonakademiet lærer opp frivillige studenter i Oslo til å lytte godt, "
    "støtte medstudenter gjennom små og store bekymringer, og vite når og hvor de skal vise videre til "
    "profesjonell hjelp.</p>"
)

PAGES = {
    "what-is-peer-support": {
        "title": "Hva er likepersonstøtte?",
        "introduction": (
            "<p>En likeperson er en medstudent som har tid til å lytte. Ikke en terapeut og ikke en foreleser, men "
            "en som er i samme situasjon som deg, og som har lært å hjelpe deg med å sortere tankene og finne "
            "riktig hjelp hvis du trenger mer.</p>"
        ),
        "body": lambda ids: [
            heading("Noen å snakke med"),
            paragraph(
                "<p>Studielivet kommer med mye på en gang: ny by, eksamen, økonomi, ensomhet, kjærlighet og "
                "spørsmål om framtida. Mange bekymringer blir mindre når de er sagt høyt til noen som lytter uten "
                "å dømme. Det er det likepersonene er til for.</p>"
                "<p>Du kan snakke med en likeperson om praktiske ting, som hvordan du finner fram på campus eller i "
                "velferdstilbudet, og om det sosiale og følelsesmessige, som å føle seg utenfor, stresset eller "
                "nedfor.</p>"
            ),
            heading("Slik fungerer det"),
            paragraph(
                "<ul>"
                "<li><b>Samtaler på tomannshånd</b>, på campus eller et rolig sted dere blir enige om.</li>"
                "<li><b>Små grupper</b> rundt et felles tema, for eksempel eksamensstress eller det å være ny i "
                "Oslo.</li>"
                "<li><b>Sosiale møteplasser</b> der det er lett å bli kjent med andre studenter.</li>"
                "</ul>"
            ),
            callout(
                "confidentiality",
                "Det du sier, blir mellom dere",
                "<p>Likepersonene holder det du forteller, for seg selv. Det eneste unntaket er når noens liv eller "
                "helse er i fare: Da må de sørge for at det blir tilkalt hjelp. Les mer på siden om personvern.</p>",
            ),
            heading("Hva en likeperson ikke er"),
            paragraph(
                "<p>Likepersoner stiller ikke diagnoser og gir ikke behandling, og de erstatter ikke lege, "
                "psykolog eller rådgiver. De kjenner hjelpetilbudene godt og kan hjelpe deg med å ta steget og "
                "kontakte dem.</p>"
            ),
            quote(
                "Det handler om at studenter mobiliserer for å hjelpe studenter, så studielivet blir litt varmere "
                "og mer inkluderende for alle.",
                "Tanken bak programmet",
            ),
            link_list(
                "Les videre",
                [
                    link("Bli likeperson", page=ids["become-a-peer-supporter"]),
                    link("Få hjelp nå", page=ids["get-help-now"], description="Nødnumre og hjelpetilbud"),
                ],
            ),
        ],
    },
    "become-a-peer-supporter": {
        "title": "Bli likeperson",
        "introduction": (
            "<p>Har du lyst til å gjøre studiehverdagen bedre for andre? Likepersoner er frivillige som får "
            "skikkelig opplæring, veiledning underveis og to kursbevis for innsatsen.</p>"
        ),
        "body": lambda ids: [
            heading("Hvem vi ser etter"),
            paragraph(
                "<p>Du trenger ikke være ekspert. Du trenger:</p>"
                "<ul>"
                "<li>et ønske om å hjelpe og støtte medstudenter,</li>"
                "<li>minst ett års erfaring som student, og</li>"
                "<li>tid og overskudd til rollen gjennom semesteret.</li>"
                "</ul>"
                "<p>Studenter fra BI, Høyskolen Kristiania, Universitetet i Oslo og OsloMet er velkomne, og det er "
                "også studenter fra andre utdanningssteder i Oslo, på Kjeller og i Sandvika.</p>"
            ),
            heading("Fra søknad til første samtale"),
            paragraph(
                "<ol>"
                "<li><b>Søk</b> her på nettstedet og fortell litt om deg selv.</li>"
                "<li><b>Uformelt intervju.</b> En prosjektkoordinator ved utdanningsstedet ditt møter deg til en "
                "avslappet prat, så vi blir kjent med hverandre.</li>"
                "<li><b>Opplæring i september.</b> Et kurs om lytting, grenser, taushetsplikt og hjelpetilbudene, "
                "dels på nett her og dels med fysisk oppmøte.</li>"
                "<li><b>Veiledning.</b> Mens du er aktiv, følger en veileder deg opp, alene eller i gruppe, så du "
                "aldri står alene med en vanskelig samtale.</li>"
                "</ol>"
            ),
            callout(
                "info",
                "To kursbevis",
                "<p>Når du har fullført opplæringen, får du et kursbevis. Når perioden din som likeperson er over, "
                "får du et kursbevis til for arbeidet du har gjort. Arbeidsgivere kan sjekke begge her på "
                "nettstedet.</p>",
            ),
            faq(
                "Spørsmål vi ofte får",
                [
                    (
                        "Hvor mye tid tar det?",
                        "<p>Regn med opplæringen i september, og deretter noen timer i måneden til samtaler og "
                        "veiledning. Detaljene avtaler du med koordinatoren din.</p>",
                    ),
                    (
                        "Får jeg betalt?",
                        "<p>Nei, likepersonarbeid er frivillig. Du får opplæring, veiledning, erfaring og to "
                        "kursbevis.</p>",
                    ),
                    (
                        "Hva om en samtale blir for tung?",
                        "<p>Ingen forventer at du skal håndtere en krise alene. I opplæringen lærer du hvordan du "
                        "kobler inn profesjonell hjelp, og du kan alltid snakke det gjennom med veilederen din.</p>",
                    ),
                ],
            ),
            call_to_action(
                "Klar til å søke?",
                "Søk på nett, og avtal deretter et uformelt intervju med koordinatoren ved utdanningsstedet ditt.",
                link("Søk om å bli likeperson", url="/apply/"),
            ),
        ],
    },
    "privacy-and-confidentiality": {
        "title": "Personvern og taushetsplikt",
        "introduction": (
            "<p>Tillit er kjernen i likepersonarbeid. Her ser du hva plattformen lagrer om deg, hvem som kan se "
            "det, og hva taushetsplikten betyr for likepersoner.</p>"
        ),
        "body": lambda ids: [
            heading("Hva plattformen lagrer"),
            paragraph(
                "<ul>"
                "<li><b>Kontoen din:</b> e-postadresse, fullt navn (står på kursbevisene), navnet du helst vil "
                "bruke, utdanningssted og foretrukket språk.</li>"
                "<li><b>Opplæringen din:</b> hvilke kurs du har startet på og fullført, og quizresultater.</li>"
                "<li><b>Veiledning:</b> samlingene du har deltatt på. Notater fra veiledning kan bare leses av "
                "veilederen din.</li>"
                "<li><b>Kursbevis</b> som er utstedt til deg, slik at de kan kontrolleres.</li>"
                "<li><b>En sikkerhetslogg</b> over innlogginger og endringer av roller, for å beskytte kontoen "
                "din.</li>"
                "</ul>"
                "<p>Plattformen lagrer aldri det studenter forteller likepersoner i samtalene.</p>"
            ),
            heading("Hvem som ser hva"),
            paragraph(
                "<p>Du ser alltid dine egne opplysninger på Min side. Koordinatorer ser framgang og kursbevis for "
                "likepersonene ved sitt eget utdanningssted. Veiledere ser likepersonene de veileder. "
                "Administratorer forvalter kontoer og roller. Ingen andre kan se opplysningene dine.</p>"
            ),
            callout(
                "confidentiality",
                "Taushetsplikten",
                "<p>Likepersoner lover å holde det de hører for seg selv, også etter at perioden deres er over. De "
                "deler ikke navn eller historier med andre, og de tar opp vanskelige samtaler med veilederen sin "
                "uten detaljer som kan avsløre hvem det gjelder.</p>",
            ),
            callout(
                "important",
                "Når liv eller helse er i fare",
                "<p>Taushetsplikten har én grense. Tror en likeperson at noens liv eller helse er i alvorlig fare, "
                "må hun eller han sørge for at det blir tilkalt hjelp, for eksempel ved å ringe 113 eller kontakte "
                "legevakten sammen med personen.</p>",
            ),
            heading("Rettighetene dine"),
            paragraph(
                "<p>Du kan når som helst rette opplysningene dine på profilsiden. Vil du se alt vi har lagret om "
                "deg, eller vil du ha kontoen slettet, tar du kontakt med oss på e-post. Kursbevis som allerede er "
                "utstedt, kan trekkes tilbake hvis du ber om det.</p>"
            ),
        ],
    },
    "get-help-now": {
        "title": "Få hjelp nå",
        "introduction": (
            "<p>Likepersonene er der for å lytte, men de er ingen nødtjeneste. Trenger du eller noen rundt deg "
            "hjelp akkurat nå, bruk numrene nedenfor.</p>"
        ),
        "body": lambda ids: [
            callout(
                "important",
                "Ved nødsituasjoner",
                "<p>Er noens liv eller helse i fare, ring <b>113</b> (medisinsk nødhjelp). Politiet har "
                "<b>112</b> og brannvesenet <b>110</b>.</p>",
            ),
            heading("Når det haster, men ikke er akutt"),
            paragraph(
                "<ul>"
                "<li><b>Legevakt: 116 117.</b> Ring når du trenger lege og fastlegen din har stengt. Nummeret setter "
                "deg over til nærmeste legevakt.</li>"
                "<li><b>Mental Helses hjelpetelefon: 116 123.</b> Noen å snakke med, hele døgnet og anonymt.</li>"
                "</ul>"
            ),
            heading("Hjelp for studenter"),
            paragraph(
                "<p>SiO, studentsamskipnaden i Oslo, har helsetjenester og rådgivning for studenter, blant annet "
                "psykologer, leger og gruppekurs om temaer som stress og søvn. Spør likepersonen din hvis du vil ha "
                "hjelp til å finne riktig tilbud.</p>"
            ),
            link_list(
                "Nyttige lenker",
                [
                    link("SiO Helse og rådgivning", url="https://www.sio.no/", description="For studenter i Oslo"),
                    link("Helsenorge", url="https://www.helsenorge.no/", description="Offentlig helseinformasjon"),
                ],
            ),
        ],
    },
}


def home_body(ids):
    return [
        heading("Dette gjør vi"),
        paragraph(
            "<p>Likepersonene er studenter ved BI, Kristiania, Universitetet i Oslo, OsloMet og andre "
            "utdanningssteder i Oslo-området. De tilbyr samtaler på tomannshånd og i små grupper, og de vet hvor du "
            "kan få hjelp når du trenger mer enn et lyttende øre. Her på nettstedet tar de opplæringen sin, møter "
            "veilederne sine og får kursbevisene sine.</p>"
        ),
        link_list(
            "Les mer",
            [
                link(
                    "Hva er likepersonstøtte?",
                    page=ids["what-is-peer-support"],
                    description="Hva du kan snakke om, og hva likepersonstøtte ikke er",
                ),
                link(
                    "Bli likeperson",
                    page=ids["become-a-peer-supporter"],
                    description="Krav, opplæring i september og kursbevis",
                ),
                link(
                    "Personvern og taushetsplikt",
                    page=ids["privacy-and-confidentiality"],
                    description="Hva vi lagrer, og hvem som kan se det",
                ),
            ],
        ),
        callout(
            "important",
            "Trenger du hjelp nå?",
            "<p>Er noens liv eller helse i fare, ring 113. Legevakten har nummer 116 117. Mer på siden Få hjelp "
            "nå.</p>",
        ),
    ]


SITE_SETTINGS = {
    "tagline": "Opplæring og kursbevis for studentlikepersoner i Oslo, på Kjeller og i Sandvika.",
    "emergency_numbers": [
        {"type": "number", "value": {"label": "Medisinsk nødhjelp", "number": "113", "note": ""}},
        {"type": "number", "value": {"label": "Politi", "number": "112", "note": ""}},
        {"type": "number", "value": {"label": "Brann", "number": "110", "note": ""}},
        {"type": "number", "value": {"label": "Legevakt", "number": "116 117", "note": "Når fastlegen er stengt"}},
        {
            "type": "number",
            "value": {
                "label": "Mental Helses hjelpetelefon",
                "number": "116 123",
                "note": "Noen å snakke med, døgnet rundt",
            },
        },
    ],
}


def help_services(ids):
    return [
        {
            "type": "link",
            "value": {
                "label": "SiO Helse og rådgivning",
                "page": None,
                "url": "https://www.sio.no/",
                "description": "Leger, psykologer og rådgivere for studenter i Oslo",
            },
        },
        {
            "type": "link",
            "value": {
                "label": "Få hjelp nå",
                "page": ids["get-help-now"],
                "url": "",
                "description": "Alle numrene på én side",
            },
        },
    ]


def footer_links(ids):
    return [
        {
            "type": "link",
            "value": {
                "label": "Personvern og taushetsplikt",
                "page": ids["privacy-and-confidentiality"],
                "url": "",
                "description": "",
            },
        },
    ]
