"""The demo page tree's text: original writing about the programme, in the StreamField's JSON form.

Kept apart from `demo.py` so the seeding logic stays short. Page links are filled in by `demo.seed` (`{page:slug}`
placeholders become page ids once the pages exist).
"""

HOME_INTRODUCTION = (
    "<p>Students helping students. The Peer Support Academy trains student volunteers in Oslo to listen well, "
    "to support fellow students through small and big worries, and to know when and where to point someone "
    "to professional help.</p>"
)


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def callout(tone, title, html):
    return {"type": "callout", "value": {"tone": tone, "title": title, "text": html}}


def link(label, *, page=None, url="", description=""):
    return {"label": label, "page": page, "url": url, "description": description}


def link_list(heading_text, links):
    return {"type": "link_list", "value": {"heading": heading_text, "links": links}}


def call_to_action(heading_text, text, button):
    return {"type": "call_to_action", "value": {"heading": heading_text, "text": text, "link": button}}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def faq(heading_text, items):
    return {
        "type": "faq",
        "value": {"heading": heading_text, "items": [{"question": q, "answer": a} for q, a in items]},
    }


# Each page: slug, title, introduction, search description, body (a function of the page ids by slug).
PAGES = [
    {
        "slug": "what-is-peer-support",
        "title": "What is peer support?",
        "introduction": (
            "<p>A peer supporter is a fellow student who has time to listen. Not a therapist and not a teacher: "
            "someone in the same situation as you, trained to help you sort out your thoughts and find the "
            "right help if you need more.</p>"
        ),
        "search_description": "What a peer supporter is, what you can talk about, and what a peer supporter is not.",
        "body": lambda ids: [
            heading("Someone to talk to"),
            paragraph(
                "<p>Student life brings a lot at once: a new city, exams, money, loneliness, relationships, "
                "questions about the future. Many worries feel smaller once they have been said out loud to "
                "someone who listens without judging. That is what peer supporters are for.</p>"
                "<p>You can talk to a peer supporter about practical things, such as finding your way around "
                "the university or the welfare services, and about social and emotional things, such as feeling "
                "left out, stressed or low.</p>"
            ),
            heading("How it works"),
            paragraph(
                "<ul>"
                "<li><b>One-to-one conversations</b>, on campus or somewhere quiet you both agree on.</li>"
                "<li><b>Small groups</b> around a shared theme, for example exam stress or starting out in Oslo.</li>"
                "<li><b>Social meeting places</b> where it is easy to get to know other students.</li>"
                "</ul>"
            ),
            callout(
                "confidentiality",
                "What you say stays between you",
                "<p>Peer supporters keep what you tell them to themselves. The one exception is when someone's "
                "life or health is in danger: then they must make sure that help is called. Read more on the "
                "privacy page.</p>",
            ),
            heading("What a peer supporter is not"),
            paragraph(
                "<p>Peer supporters do not diagnose or treat, and they are not a replacement for a doctor, a "
                "psychologist or a counsellor. They know the help services well, and can help you take the "
                "step of contacting them.</p>"
            ),
            quote(
                "It is about students mobilising to help students, so that student life becomes a little warmer "
                "and more inclusive for everyone.",
                "The idea behind the programme",
            ),
            link_list(
                "Read on",
                [
                    link("Become a peer supporter", page=ids["become-a-peer-supporter"]),
                    link("Get help now", page=ids["get-help-now"], description="Emergency numbers and services"),
                ],
            ),
        ],
    },
    {
        "slug": "become-a-peer-supporter",
        "title": "Become a peer supporter",
        "introduction": (
            "<p>Would you like to make student life better for others? Peer supporters are volunteers who get "
            "proper training, supervision along the way, and two certificates for what they have done.</p>"
        ),
        "search_description": "Who can become a peer supporter, how to apply, the training and the certificates.",
        "body": lambda ids: [
            heading("Who we are looking for"),
            paragraph(
                "<p>You do not need to be an expert. You need:</p>"
                "<ul>"
                "<li>a genuine wish to help and support fellow students,</li>"
                "<li>at least one year of experience as a student, and</li>"
                "<li>time and energy to spare for the role during the semester.</li>"
                "</ul>"
                "<p>Students from BI, Kristiania University College, the University of Oslo and OsloMet are "
                "welcome, and so are students from other institutions in Oslo, Kjeller and Sandvika.</p>"
            ),
            heading("From application to first conversation"),
            paragraph(
                "<ol>"
                "<li><b>Apply</b> on this site and tell us a little about yourself.</li>"
                "<li><b>Informal interview.</b> A project coordinator at your institution meets you for a "
                "relaxed conversation, so that we can get to know each other.</li>"
                "<li><b>Training in September.</b> A course on listening, boundaries, confidentiality and the "
                "help services, partly online here and partly in person.</li>"
                "<li><b>Supervision.</b> While you are active, an advisor follows you up, individually or "
                "in a group, so that you are never alone with a difficult conversation.</li>"
                "</ol>"
            ),
            callout(
                "info",
                "Two certificates",
                "<p>When you complete the training you receive a course certificate. When you have finished "
                "your period as a peer supporter you receive a second certificate for the work you have done. "
                "Both can be checked by employers on this site.</p>",
            ),
            faq(
                "Questions we often get",
                [
                    (
                        "How much time does it take?",
                        "<p>Expect the training in September, and after that a few hours a month for "
                        "conversations and supervision. You agree on the details with your coordinator.</p>",
                    ),
                    (
                        "Is it paid?",
                        "<p>No, peer support is voluntary. You get training, supervision, experience and "
                        "two certificates.</p>",
                    ),
                    (
                        "What if a conversation becomes too heavy?",
                        "<p>You are never expected to handle a crisis alone. You learn in the training how to "
                        "bring in professional help, and you can always talk it through with your advisor.</p>",
                    ),
                ],
            ),
            call_to_action(
                "Ready to apply?",
                "Apply online, then book an informal interview with your institution's coordinator.",
                link("Apply to become a peer supporter", url="/apply/"),
            ),
        ],
    },
    {
        "slug": "privacy-and-confidentiality",
        "title": "Privacy and confidentiality",
        "introduction": (
            "<p>Trust is the heart of peer support. Here is what this platform stores about you, who can see it, "
            "and what confidentiality means for peer supporters.</p>"
        ),
        "search_description": "What the platform stores, who can see it, and the duty of confidentiality.",
        "body": lambda ids: [
            heading("What the platform stores"),
            paragraph(
                "<ul>"
                "<li><b>Your account:</b> email address, full name (printed on certificates), the name you "
                "prefer, institution and preferred language.</li>"
                "<li><b>Your training:</b> which courses you have started and completed, and quiz results.</li>"
                "<li><b>Supervision:</b> the sessions you attended. Notes from supervision can only be read by "
                "your advisor.</li>"
                "<li><b>Certificates</b> issued to you, so that they can be verified.</li>"
                "<li><b>A security log</b> of logins and changes to roles, kept to protect your account.</li>"
                "</ul>"
                "<p>The platform never stores what students tell peer supporters in their conversations.</p>"
            ),
            heading("Who can see what"),
            paragraph(
                "<p>You can always see your own information on My page. Coordinators see the progress and "
                "certificates of peer supporters at their own institution. Advisors see the supporters they "
                "supervise. Administrators manage accounts and roles. Nobody else can see your data.</p>"
            ),
            callout(
                "confidentiality",
                "The duty of confidentiality",
                "<p>Peer supporters promise to keep what they hear to themselves, also after their period as a "
                "supporter ends. They do not share names or stories with others, and they discuss difficult "
                "conversations with their advisor without details that could identify anyone.</p>",
            ),
            callout(
                "important",
                "When life or health is in danger",
                "<p>Confidentiality has one limit. If a peer supporter believes that someone's life or health "
                "is in serious danger, they must make sure that help is called, for example by calling 113 "
                "or contacting the emergency services together with the person.</p>",
            ),
            heading("Your rights"),
            paragraph(
                "<p>You can correct your details on your profile page at any time. You can see and download "
                'everything we hold about you on <a href="/accounts/my-data/">Your data</a>, and delete your '
                'account yourself on <a href="/accounts/delete/">Delete your account</a>: it is erased 14 days '
                "later unless you change your mind, and you choose whether your certificates stay verifiable or "
                "are withdrawn. How long each kind of data is kept is listed below.</p>"
            ),
        ],
    },
    {
        "slug": "get-help-now",
        "title": "Get help now",
        "introduction": (
            "<p>Peer supporters are there to listen, but they are not an emergency service. If you or someone "
            "near you needs help right now, use the numbers below.</p>"
        ),
        "search_description": "Emergency numbers, out-of-hours medical help and health services for students.",
        "body": lambda ids: [
            callout(
                "important",
                "In an emergency",
                "<p>If someone's life or health is in danger, call <b>113</b> (medical emergency). "
                "For the police call <b>112</b>, and for fire <b>110</b>.</p>",
            ),
            heading("When it is urgent, but not an emergency"),
            paragraph(
                "<ul>"
                "<li><b>Legevakt (out-of-hours medical service): 116 117.</b> Call when you need a doctor and "
                "your own GP is closed. The number connects you to the nearest emergency room.</li>"
                "<li><b>Mental Helse helpline: 116 123.</b> Someone to talk to, day and night, anonymously.</li>"
                "</ul>"
            ),
            heading("Help for students"),
            paragraph(
                "<p>SiO, the student welfare organisation in Oslo, offers health services and counselling for "
                "students, among them psychologists, doctors and group courses on topics such as stress and "
                "sleep. Ask your peer supporter if you want help finding the right service.</p>"
            ),
            link_list(
                "Useful links",
                [
                    link("SiO health and counselling", url="https://www.sio.no/", description="For students in Oslo"),
                    link("Helsenorge", url="https://www.helsenorge.no/", description="Public health information"),
                ],
            ),
        ],
    },
]


def home_body(ids):
    return [
        heading("What we do"),
        paragraph(
            "<p>Peer supporters are students at BI, Kristiania, the University of Oslo, OsloMet and other institutions "
            "in the Oslo area. They offer conversations one-to-one and in small groups, and they know where to send "
            "you when you need more than a listening ear. On this site they take their training, meet their "
            "supervisors and receive their certificates.</p>"
        ),
        link_list(
            "Find out more",
            [
                link(
                    "What is peer support?",
                    page=ids["what-is-peer-support"],
                    description="What you can talk about, and what peer support is not",
                ),
                link(
                    "Become a peer supporter",
                    page=ids["become-a-peer-supporter"],
                    description="Requirements, training in September and certificates",
                ),
                link(
                    "Privacy and confidentiality",
                    page=ids["privacy-and-confidentiality"],
                    description="What we store and who can see it",
                ),
            ],
        ),
        callout(
            "important",
            "Need help now?",
            "<p>If someone's life or health is in danger, call 113. The out-of-hours medical service (legevakt) is "
            f'116 117. More on the page <a linktype="page" id="{ids["get-help-now"]}">Get help now</a>.</p>',
        ),
    ]


SITE_SETTINGS = {
    "organisation_name": "Peer Support Academy",
    "tagline": "Training and certification for student peer supporters in Oslo, Kjeller and Sandvika.",
    "contact_email": "peersupport@example.org",
    "emergency_numbers": [
        {"type": "number", "value": {"label": "Medical emergency", "number": "113", "note": ""}},
        {"type": "number", "value": {"label": "Police", "number": "112", "note": ""}},
        {"type": "number", "value": {"label": "Fire", "number": "110", "note": ""}},
        {
            "type": "number",
            "value": {"label": "Legevakt", "number": "116 117", "note": "Out-of-hours medical service"},
        },
        {
            "type": "number",
            "value": {"label": "Mental Helse helpline", "number": "116 123", "note": "Someone to talk to, 24/7"},
        },
    ],
}
