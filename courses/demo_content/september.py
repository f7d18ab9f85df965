"""Original text of the demo course "Peer Supporter Training, September 2026".

Written for this programme: student peer supporters in Oslo who listen, run social and conversation groups, and
know when and how to pass a worry on. Each module: body blocks and a quiz (question type, content).
Choices are (text, correct, feedback); a true/false question is (statement, is_true, feedback for the wrong
answer, feedback for the right answer).
"""

COURSE = {
    "title": "Peer Supporter Training, September 2026",
    "slug": "peer-supporter-training-september-2026",
    "introduction": (
        "<p>Seven short modules that prepare you to be a peer supporter for fellow students: what the role is and "
        "is not, how to listen, how to keep confidences and when you must not, where to send someone who needs more "
        "help, how to lead a group, and how to look after yourself.</p>"
    ),
    "learning_outcomes": (
        "<ul><li>Describe what a peer supporter does and where the role stops.</li>"
        "<li>Listen actively and respond with empathy, without rushing to fix.</li>"
        "<li>Keep confidentiality, and recognise when danger to life or health overrides it.</li>"
        "<li>Refer a fellow student to student health and counselling services, a GP, the out-of-hours clinic "
        "(116 117) or emergency services (113).</li>"
        "<li>Lead an inclusive group conversation or social event.</li>"
        "<li>Keep healthy boundaries and ask for supervision when you need it.</li></ul>"
    ),
    "estimated_hours": "5.0",
    "certificate_title": "Peer Supporter – Basic Training",
    "certificate_title_nb": "Likepersonstøtte – grunnopplæring",
    "certificate_description": (
        "Completed the basic training for student peer supporters: the role and its limits, active listening, "
        "empathy, confidentiality, referral, group leadership and self-care."
    ),
    "certificate_description_nb": (
        "Har fullført grunnopplæringen for studentlikepersoner: rollen og grensene for den, aktiv lytting, empati, "
        "taushetsplikt, henvisning, gruppeledelse og egenomsorg."
    ),
    "certificate_criteria": "All seven required modules completed, each quiz passed with at least 75 %.",
    "certificate_criteria_nb": "Alle sju obligatoriske moduler fullført, hver quiz bestått med minst 75 %.",
    "certificate_valid_years": 2,
}

MODULES = [
    {
        "title": "The role of a peer supporter, and its limits",
        "minutes": 35,
        "summary": "What you offer as a peer supporter, what you do not, and why the limits protect everyone.",
        "body": [
            (
                "paragraph",
                "<p>A peer supporter is a fellow student who has time to listen. You are not a "
                "therapist, a doctor or a study adviser, and nobody expects you to be. What you offer is something "
                "professionals often cannot: you are close in age and situation, you know what an exam period feels "
                "like, and you are easy to approach.</p>"
                "<p>Your tasks are to listen, to help a fellow student sort out their own thoughts, to share "
                "information about where help can be found, and to create places where students meet each other: "
                "conversation groups, walks, dinners and study breaks.</p>",
            ),
            (
                "callout",
                {
                    "tone": "important",
                    "title": "What you do not do",
                    "text": "<p>You do not diagnose, treat, give medical or legal advice, or promise outcomes. "
                    "You do not take on a fellow student's problem as your own project. When a "
                    "conversation goes beyond what a peer can carry, your job is to help the person "
                    "reach someone who can.</p>",
                },
            ),
            (
                "case_study",
                {
                    "title": "Ola after the first exam",
                    "story": "<p>Ola, a first-year student, tells you he failed his first exam and has "
                    "not slept well for a week. He asks whether you think he has depression and "
                    "what medicine would help.</p>",
                    "questions": [
                        "What can you offer Ola as a peer?",
                        "Which of his questions belong with a professional?",
                    ],
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Why did you want to become a peer supporter? What do you hope to give, and "
                    "what are you unsure about?",
                    "guidance": "Only you can read this answer.",
                },
            ),
        ],
        "quiz": [
            (
                "single_choice",
                "Which of these is part of a peer supporter's role?",
                [
                    (
                        "Listening and helping a fellow student find the right help",
                        True,
                        "Yes. Listening and pointing the way are the core of the role.",
                    ),
                    (
                        "Assessing whether a fellow student has a mental illness",
                        False,
                        "No. Assessment and diagnosis belong to health professionals.",
                    ),
                    (
                        "Deciding which study programme a student should change to",
                        False,
                        "No. You can listen, but study choices belong to the student and the study advisers.",
                    ),
                ],
            ),
            (
                "true_false",
                "A peer supporter should try to solve a fellow student's problem for them.",
                False,
                "Not right: taking over a problem takes it away from the person it belongs to.",
                "Right. You help people find their own way and the right help; you do not take the problem over.",
            ),
            (
                "multiple_choice",
                "Which of these are strengths a peer supporter brings?",
                [
                    ("Being close in age and situation", True, "Yes, it makes you easy to approach."),
                    ("Knowing what student life feels like", True, "Yes, shared experience builds trust."),
                    ("Being able to prescribe treatment", False, "No. Peers never prescribe or treat."),
                    (
                        "Being available to talk in an informal setting",
                        True,
                        "Yes, informal contact lowers the threshold.",
                    ),
                ],
            ),
            (
                "scenario",
                "Ola asks which medicine would help him sleep. What do you do?",
                "<p>Ola has slept badly for a week after failing an exam and asks you which sleeping medicine "
                "works best.</p>",
                [
                    (
                        "Tell him which one worked for you",
                        False,
                        "No. Medical advice, even well meant, is outside your role and could harm him.",
                    ),
                    (
                        "Listen, and suggest he talks to his GP or the student health service about sleep",
                        True,
                        "Yes. You take him seriously and point him to someone who can help with medicine.",
                    ),
                    (
                        "Say that everyone sleeps badly in exam time and change the subject",
                        False,
                        "No. That dismisses what he told you.",
                    ),
                ],
            ),
        ],
    },
    {
        "title": "Active listening",
        "minutes": 40,
        "summary": "Listening so that the other person feels heard: attention, open questions, summaries and silence.",
        "body": [
            (
                "paragraph",
                "<p>Active listening means giving the other person your full attention and showing "
                "that you are following. Put your phone away, face the person, and let them finish. Most people can "
                "tell within a minute whether someone is really listening.</p>",
            ),
            ("heading", {"text": "Four tools", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Open questions</b> start with how, what or tell me: “How has the week "
                "been?” invites more than “Was the week OK?”.</li><li><b>Summaries</b> show you have understood: "
                "“So the deadline moved and now everything lands in the same week?”.</li><li><b>Small signs</b> — a "
                "nod, “mm”, “go on” — keep the story going.</li><li><b>Silence</b> gives room to think. Count to five "
                "before you fill a pause.</li></ul>",
            ),
            (
                "callout",
                {
                    "tone": "info",
                    "title": "Avoid",
                    "text": "<p>Interrupting with your own story, giving advice before you understand, and "
                    "“why” questions that can sound like blame.</p>",
                },
            ),
            (
                "reflection",
                {"prompt": "Think of a time someone really listened to you. What did they do?", "guidance": ""},
            ),
        ],
        "quiz": [
            (
                "single_choice",
                "Which is an open question?",
                [
                    ("Did the seminar go well?", False, "This can be answered with yes or no."),
                    ("What was the seminar like for you?", True, "Yes. It invites the person to tell more."),
                    ("You didn't like the seminar, did you?", False, "This is a leading question."),
                ],
            ),
            (
                "true_false",
                "A short silence in a conversation is usually something you should fill quickly.",
                False,
                "Not right: silence often gives the other person room to think and continue.",
                "Right. Silence can be useful; give it a few seconds.",
            ),
            (
                "multiple_choice",
                "Which of these show that you are listening?",
                [
                    ("Summarising what you have heard", True, "Yes."),
                    ("Checking your phone now and then", False, "No. It signals that something else matters more."),
                    ("Nodding and short encouragements", True, "Yes."),
                    (
                        "Telling a similar story about yourself straight away",
                        False,
                        "No. It moves the attention to you.",
                    ),
                ],
            ),
            (
                "scenario",
                "What is the best response?",
                "<p>Sara says: “I don't know, everything is just a bit much right now, with the move and the "
                "course and everything.”</p>",
                [
                    (
                        "“You should make a list and take one thing at a time.”",
                        False,
                        "Advice too early; you don't yet know what is most difficult.",
                    ),
                    (
                        "“It sounds like a lot is happening at once. What feels heaviest?”",
                        True,
                        "Yes. A short summary and an open question.",
                    ),
                    (
                        "“Everyone feels like that in the first semester.”",
                        False,
                        "This may be true, but it can make her feel unheard.",
                    ),
                ],
            ),
        ],
    },
    {
        "title": "Empathy and validation",
        "minutes": 35,
        "summary": "Showing that feelings make sense, without agreeing with everything or taking them over.",
        "body": [
            (
                "paragraph",
                "<p>Empathy is trying to understand how something feels for the other person. "
                "Validation is saying that the feeling makes sense: “No wonder you are disappointed, you worked hard "
                "for that.” You can validate a feeling without agreeing with every conclusion.</p>"
                "<p>Sympathy (“poor you”) looks at the person from the outside. Empathy stands beside them. "
                "Comparison (“at least you…”) usually makes people feel smaller.</p>",
            ),
            (
                "case_study",
                {
                    "title": "Amina and the group project",
                    "story": "<p>Amina is furious with her project group, who left all the work to her. "
                    "She says she will report them all and drop the course.</p>",
                    "questions": [
                        "Which feeling can you validate?",
                        "How do you respond without agreeing to drop the course?",
                    ],
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Which phrases do you use when someone is upset? Which of them might sound dismissive?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "single_choice",
                "Which response validates a feeling?",
                [
                    ("“At least you passed the other exams.”", False, "“At least” compares and minimises."),
                    ("“It makes sense that you are upset after all that work.”", True, "Yes."),
                    ("“Don't be sad, it'll be fine.”", False, "This tells the person what to feel."),
                ],
            ),
            (
                "true_false",
                "Validating a feeling means you agree with everything the person plans to do.",
                False,
                "Not right: you can accept the feeling and still talk about the plan.",
                "Right. Feelings can be valid even when a plan is not wise.",
            ),
            (
                "multiple_choice",
                "Which of these are signs of empathy?",
                [
                    ("Trying to see the situation from their side", True, "Yes."),
                    ("Naming the feeling you hear", True, "Yes."),
                    ("Quickly saying it could be worse", False, "No. That is comparison."),
                    ("Taking time before offering suggestions", True, "Yes."),
                ],
            ),
            (
                "scenario",
                "How do you respond to Amina?",
                "<p>Amina says she will drop the course because her group left all the work to her.</p>",
                [
                    ("“You're right, just drop it.”", False, "This agrees with the plan, not only the feeling."),
                    (
                        "“It's really unfair to carry the whole project. What would you want to happen now?”",
                        True,
                        "Yes. Validation first, then an open question about her options.",
                    ),
                    ("“Group work is always like that, you have to get used to it.”", False, "This dismisses her."),
                ],
            ),
        ],
    },
    {
        "title": "Confidentiality and the duty to act on danger to life and health",
        "minutes": 45,
        "summary": "What stays between you, what you may share in supervision, and when you must act.",
        "body": [
            (
                "paragraph",
                "<p>Fellow students talk to you because they trust that it stays between you. You do "
                "not tell friends, classmates, family or social media what someone told you — not even without "
                "names, if the person could be recognised.</p>"
                "<p>In supervision with your advisor you may discuss conversations so that you get support, but "
                "without details that identify the person unless it is needed to help them.</p>",
            ),
            (
                "callout",
                {
                    "tone": "confidentiality",
                    "title": "When confidentiality gives way",
                    "text": "<p>If someone is in danger — a risk to their own or someone else's life or "
                    "health — you must act. Everyone in Norway has a duty to help in an emergency "
                    "and to try to prevent serious harm. Call 113 if life is at risk right now, and "
                    "tell your advisor as soon as you can. Tell the person what you are doing and "
                    "why, if it is safe to do so.</p>",
                },
            ),
            (
                "callout",
                {
                    "tone": "important",
                    "title": "Never promise total secrecy",
                    "text": "<p>Say early: “What you tell me stays with me, unless I'm worried that you or "
                    "someone else is in danger. Then I have to get help.”</p>",
                },
            ),
            (
                "reflection",
                {
                    "prompt": "How would you explain the limits of confidentiality at the start of a "
                    "conversation, in your own words?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "true_false",
                "You may promise a fellow student that you will never tell anyone anything.",
                False,
                "Not right: you cannot keep that promise if someone's life or health is in danger.",
                "Right. Never promise total secrecy; explain the limit instead.",
            ),
            (
                "single_choice",
                "What may you share in supervision?",
                [
                    (
                        "Everything, including names, so the advisor knows who it is",
                        False,
                        "No. Share what you need for support, without identifying details.",
                    ),
                    ("The situation and your own reactions, without identifying the person", True, "Yes."),
                    ("Nothing at all", False, "Supervision is there to support you; you may discuss conversations."),
                ],
            ),
            (
                "multiple_choice",
                "In which situations must you act even though it was told in confidence?",
                [
                    (
                        "A fellow student says they plan to end their life tonight",
                        True,
                        "Yes. Danger to life: call 113 and stay with them if you can.",
                    ),
                    ("A fellow student says they are behind with reading", False, "No. This stays between you."),
                    (
                        "A fellow student says someone is threatening to seriously hurt them",
                        True,
                        "Yes. Danger to health: help them get protection.",
                    ),
                    ("A fellow student tells you about a break-up", False, "No. This stays between you."),
                ],
            ),
            (
                "scenario",
                "What do you do?",
                "<p>Late in a conversation, Jonas says he has collected pills and that nobody would miss him. He "
                "asks you not to tell anyone.</p>",
                [
                    (
                        "Keep it to yourself because he asked you to",
                        False,
                        "No. His life may be in danger; confidentiality gives way.",
                    ),
                    (
                        "Tell him you are worried and that you will get help now; call 113 if he is in immediate "
                        "danger, and contact your advisor",
                        True,
                        "Yes. You act, you are honest with him, and you do not carry it alone.",
                    ),
                    (
                        "Post in the peer supporters' group chat to ask what to do",
                        False,
                        "No. That spreads his story; call for help directly.",
                    ),
                ],
            ),
        ],
    },
    {
        "title": "When and how to refer",
        "minutes": 40,
        "summary": "Who helps with what: student health and counselling, a GP, the out-of-hours clinic and 113.",
        "body": [
            (
                "paragraph",
                "<p>Referring is not sending someone away. It is helping them reach the help they "
                "need, and it is often the most useful thing you do.</p>",
            ),
            ("heading", {"text": "Where to send whom", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Student health and counselling services</b> at the institution or the "
                "student welfare organisation: conversations with psychologists and counsellors, study-related "
                "worries.</li><li><b>A GP (fastlege)</b>: health problems, sleep, medicine, referral to specialists. "
                "Every resident has a right to one.</li><li><b>The out-of-hours clinic (legevakt), 116 117</b>: urgent "
                "help when the GP is closed.</li><li><b>Emergency, 113</b>: when life is in danger right now.</li>"
                "</ul>",
            ),
            (
                "callout",
                {
                    "tone": "info",
                    "title": "How to refer",
                    "text": "<p>Ask what the person wants. Explain what the service does and how to contact "
                    "it. Offer to look up the number together or to walk with them. Check later how "
                    "it went, if they want you to.</p>",
                },
            ),
            (
                "reflection",
                {
                    "prompt": "Which services at your own institution do you know, and which should you look up?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "single_choice",
                "A fellow student has had chest pain since this afternoon; the GP's office is "
                "closed and it is not acute. Where should they call?",
                [
                    ("113", False, "113 is for when life is in danger right now."),
                    ("116 117, the out-of-hours clinic", True, "Yes. Urgent help when the GP is closed."),
                    ("The student counselling service", False, "Not for physical symptoms like this."),
                ],
            ),
            (
                "true_false",
                "The emergency number for medical help in Norway is 113.",
                True,
                "Not right: 113 is the medical emergency number.",
                "Right. 113 is the medical emergency number.",
            ),
            (
                "multiple_choice",
                "Which are good ways to refer?",
                [
                    ("Explaining what the service offers", True, "Yes."),
                    ("Offering to look up the contact details together", True, "Yes."),
                    ("Booking an appointment for them without asking", False, "No. Ask what they want."),
                    ("Asking later how it went, if they want you to", True, "Yes."),
                ],
            ),
            (
                "scenario",
                "What do you suggest?",
                "<p>Lise has felt low for several weeks, is sleeping badly and has stopped going to lectures. She "
                "is not in danger, but says she doesn't know who to talk to.</p>",
                [
                    ("Wait and see if it passes", False, "Several weeks is long; she asked for help."),
                    (
                        "Suggest the student counselling service or her GP, and offer to find the contact details "
                        "together",
                        True,
                        "Yes. The right level of help, offered respectfully.",
                    ),
                    ("Call 113", False, "She is not in acute danger."),
                ],
            ),
        ],
    },
    {
        "title": "Leading group conversations and social events",
        "minutes": 40,
        "summary": (
            "Making groups safe and inclusive: agreements, turn-taking, quiet participants and alcohol-free options."
        ),
        "body": [
            (
                "paragraph",
                "<p>Many peer support meetings are groups: a conversation group about study stress, a "
                "walk, a dinner for new students. Your job is to make the group feel safe and open to everyone.</p>"
                "<ul><li>Start with a short agreement: what is said here stays here, everyone may pass, one speaks "
                "at a time.</li><li>Invite quiet participants without putting them on the spot.</li><li>Gently "
                "redirect someone who takes all the space.</li><li>Plan social events that do not centre on "
                "alcohol and are easy to reach.</li></ul>",
            ),
            (
                "callout",
                {
                    "tone": "important",
                    "title": "If someone shares something serious in the group",
                    "text": "<p>Thank them, and offer to talk one-to-one after the meeting. The group is not "
                    "the place to handle a crisis.</p>",
                },
            ),
            (
                "case_study",
                {
                    "title": "The talkative participant",
                    "story": "<p>In a conversation group about exam stress, one participant has spoken "
                    "for fifteen minutes and two others have not said anything.</p>",
                    "questions": ["What could you say?", "How do you invite the quiet ones?"],
                },
            ),
        ],
        "quiz": [
            (
                "multiple_choice",
                "Which belong in a group agreement?",
                [
                    ("What is said here stays here", True, "Yes."),
                    ("Everyone must share something personal", False, "No. Everyone may pass."),
                    ("One speaks at a time", True, "Yes."),
                    ("Everyone may pass", True, "Yes."),
                ],
            ),
            (
                "true_false",
                "A good social event for new students should be built around alcohol.",
                False,
                "Not right: many students do not drink; alcohol-free options include everyone.",
                "Right. Plan events everyone can join.",
            ),
            (
                "single_choice",
                "How do you invite a quiet participant?",
                [
                    ("“You haven't said anything, your turn.”", False, "This puts them on the spot."),
                    (
                        "“Does anyone who hasn't spoken yet want to add something? It's fine to pass.”",
                        True,
                        "Yes. An open invitation with a way out.",
                    ),
                    ("Ignore them so they feel comfortable", False, "They may want to speak but need an opening."),
                ],
            ),
            (
                "scenario",
                "What do you do?",
                "<p>In a walk-and-talk group, a participant suddenly says she has thought about hurting herself.</p>",
                [
                    ("Ask her to tell the group more", False, "The group is not the place to handle this."),
                    (
                        "Thank her, check she is safe now, and talk with her one-to-one straight after — get help if "
                        "she is in danger",
                        True,
                        "Yes. Take it seriously, in the right setting.",
                    ),
                    ("Change the subject quickly", False, "That can feel like rejection."),
                ],
            ),
        ],
    },
    {
        "title": "Boundaries and self-care",
        "minutes": 30,
        "summary": "Being a supporter for a long time: limits on time and contact, supervision, and your own needs.",
        "body": [
            (
                "paragraph",
                "<p>You can only support others over time if you look after yourself. Decide when you "
                "are available and say it clearly. You do not have to answer messages at night. You may say “I "
                "can't talk now, can we find a time tomorrow?”.</p>"
                "<p>It is normal to be affected by what you hear. Use supervision with your advisor: it is there "
                "for you, not as a test.</p>",
            ),
            (
                "callout",
                {
                    "tone": "info",
                    "title": "Warning signs in yourself",
                    "text": "<p>Thinking about a fellow student's problems all the time, sleeping badly, "
                    "feeling responsible for how things go for them. Talk to your advisor.</p>",
                },
            ),
            (
                "reflection",
                {
                    "prompt": "What helps you recover after a demanding week? How will you make room for it?",
                    "guidance": "",
                },
            ),
        ],
        "quiz": [
            (
                "true_false",
                "It is fine for a peer supporter to set times when they are not available.",
                True,
                "Not right: setting limits is part of doing the role well.",
                "Right. Clear limits make support sustainable.",
            ),
            (
                "single_choice",
                "A fellow student messages you every night after midnight. What is a good response?",
                [
                    ("Always answer, or they might feel abandoned", False, "That is not sustainable for you."),
                    (
                        "Tell them kindly when you are available, and where to get help at night",
                        True,
                        "Yes. A clear limit, plus a route to help (116 117 or 113 if urgent).",
                    ),
                    ("Block them without explanation", False, "An explanation and an alternative are kinder."),
                ],
            ),
            (
                "multiple_choice",
                "Which are good self-care habits for a supporter?",
                [
                    ("Using supervision", True, "Yes."),
                    ("Keeping your own routines for sleep and exercise", True, "Yes."),
                    ("Being available at all hours", False, "No."),
                    ("Talking to your advisor when a conversation stays with you", True, "Yes."),
                ],
            ),
            (
                "scenario",
                "What do you do?",
                "<p>After a hard conversation you keep thinking about a fellow student's situation and sleep badly "
                "for several nights.</p>",
                [
                    ("Keep it to yourself; it is part of the role", False, "You don't have to carry it alone."),
                    (
                        "Talk to your advisor about it in supervision",
                        True,
                        "Yes. Supervision is there for exactly this.",
                    ),
                    ("Stop being a peer supporter immediately", False, "Talk to someone first; there is support."),
                ],
            ),
        ],
    },
]
