"""Content and question blocks of a module. Every block renders through a template of ours (blocks/...).

Heading, text, image and callout come from the shared library in home.blocks; the blocks here are training's own.

Question blocks are never rendered for trainees: their templates show the answer key and are used only in the
author's preview. Trainees see questions through the attempt snapshot (courses.scoring.public_questions).
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.rich_text import RichText

from home.blocks import SHORT_RICH_TEXT_FEATURES, CalloutBlock, HeadingBlock, ImageBlock, RichTextBlock

# Training texts (transcripts, cases, course introductions) take the short set of the shared library.
RICH_TEXT_FEATURES = SHORT_RICH_TEXT_FEATURES
TEMPLATE_DIR = "courses/blocks/"

# The name the historical migrations (0002, 0006) give the module body's text block; the shared RichTextBlock is
# the same block (docs/decisions/0180).
ParagraphBlock = RichTextBlock


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    video = EmbedBlock(label=_("video URL"), help_text=_("A YouTube or Vimeo link."))
    transcript = blocks.RichTextBlock(
        label=_("transcript"), features=RICH_TEXT_FEATURES, help_text=_("Required: not everyone can watch or hear.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        description = _("A YouTube or Vimeo video with its transcript.")
        template = TEMPLATE_DIR + "video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), max_length=200, required=False)
    description = blocks.CharBlock(label=_("description"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        description = _("A document from the library for trainees to download.")
        template = TEMPLATE_DIR + "document.html"


def _case_study_preview() -> dict:
    return {
        "title": _("A friend who stops coming to lectures"),
        "story": RichText(str(_("<p>Kari has missed two weeks of lectures and answers messages less and less.</p>"))),
        "questions": [_("What would you say first?")],
    }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    story = blocks.RichTextBlock(label=_("the case"), features=RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("questions to consider"), required=False, default=[]
    )

    class Meta:
        icon = "group"
        label = _("Case study")
        description = _("A situation to think through, with questions to consider.")
        preview_value = staticmethod(_case_study_preview)
        template = TEMPLATE_DIR + "case_study.html"


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("prompt"), max_length=600)
    guidance = blocks.CharBlock(label=_("guidance"), max_length=300, required=False)

    class Meta:
        icon = "edit"
        label = _("Reflection prompt")
        description = _("A question each trainee answers privately and can save.")
        preview_value = {"prompt": _("When did someone really listen to you?"), "guidance": ""}
        template = TEMPLATE_DIR + "reflection.html"


class ModuleBodyBlock(blocks.StreamBlock):
    """A module's body (English and Bokmål): the shared heading, text, image and callout blocks under the names
    stored modules already use, and the blocks only training has."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    reflection = ReflectionBlock()


# --- Quiz questions -------------------------------------------------------------------------------------------


# Bokmål texts sit inside the same blocks as the English, so a quiz has one structure and one key in both
# languages (docs/decisions/0100): translating can change words, never which answers are right.
def _nb(block_class, label, **kwargs):
    return block_class(label=label, required=False, **kwargs)


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    text_nb = _nb(blocks.CharBlock, _("answer (Bokmål)"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("feedback"), max_length=600, help_text=_("Shown to a trainee who chose this answer, after submitting.")
    )
    feedback_nb = _nb(blocks.TextBlock, _("feedback (Bokmål)"), max_length=600)

    class Meta:
        icon = "tick"
        label = _("Answer")


def _choices(value) -> list:
    return list(value["choices"].bound_blocks) if hasattr(value["choices"], "bound_blocks") else []


class QuestionBlock(blocks.StructBlock):
    """Base of the choice questions. `to_snapshot` gives the scoring form (with the key: server side only)."""

    question_type = ""
    prompt = blocks.TextBlock(label=_("question"), max_length=600)
    prompt_nb = _nb(blocks.TextBlock, _("question (Bokmål)"), max_length=600)
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("answers"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(
        label=_("explanation"),
        max_length=1000,
        required=False,
        help_text=_("Shown with the full review, after passing or after the last attempt."),
    )
    explanation_nb = _nb(blocks.TextBlock, _("explanation (Bokmål)"), max_length=1000)

    class Meta:
        icon = "help"
        template = TEMPLATE_DIR + "question.html"

    def correct_count_error(self, count: int):
        if count != 1:
            return _("Mark exactly one answer as correct.")
        return None

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for item in value["choices"] if item["is_correct"])
        message = self.correct_count_error(correct)
        if message:
            raise blocks.StructBlockValidationError(block_errors={"choices": ValidationError(message)})
        return value

    def to_snapshot(self, value, block_id: str) -> dict:
        choices = _choices(value)
        return {
            "id": str(block_id),
            "type": self.question_type,
            "prompt": value["prompt"],
            "case": "",
            "explanation": value.get("explanation") or "",
            "choices": [
                {
                    "id": str(child.id),
                    "text": child.value["text"],
                    "feedback": child.value["feedback"],
                    "correct": bool(child.value["is_correct"]),
                }
                for child in choices
            ],
            "nb": {
                "prompt": value.get("prompt_nb") or "",
                "case": "",
                "explanation": value.get("explanation_nb") or "",
                "choices": {
                    str(child.id): {
                        "text": child.value.get("text_nb") or "",
                        "feedback": child.value.get("feedback_nb") or "",
                    }
                    for child in choices
                },
            },
        }


class SingleChoiceQuestionBlock(QuestionBlock):
    question_type = "single_choice"

    class Meta:
        label = _("Single choice")


class MultipleChoiceQuestionBlock(QuestionBlock):
    question_type = "multiple_choice"

    class Meta:
        label = _("Multiple choice")
        help_text = _("Trainees must choose all the correct answers and none of the others.")

    def correct_count_error(self, count: int):
        if count < 1:
            return _("Mark at least one answer as correct.")
        return None


class ScenarioQuestionBlock(QuestionBlock):
    question_type = "scenario"
    case = blocks.RichTextBlock(label=_("scenario"), features=RICH_TEXT_FEATURES)
    case_nb = blocks.RichTextBlock(label=_("scenario (Bokmål)"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        label = _("Scenario")
        icon = "group"

    def to_snapshot(self, value, block_id: str) -> dict:
        snapshot = super().to_snapshot(value, block_id)
        case = value["case"]
        snapshot["case"] = case.source if isinstance(case, RichText) else str(case or "")
        case_nb = value.get("case_nb")
        snapshot["nb"]["case"] = case_nb.source if isinstance(case_nb, RichText) else str(case_nb or "")
        return snapshot


class TrueFalseQuestionBlock(blocks.StructBlock):
    statement = blocks.TextBlock(label=_("statement"), max_length=600)
    statement_nb = _nb(blocks.TextBlock, _("statement (Bokmål)"), max_length=600)
    is_true = blocks.BooleanBlock(label=_("the statement is true"), required=False)
    feedback_true = blocks.TextBlock(label=_("feedback for “True”"), max_length=600)
    feedback_true_nb = _nb(blocks.TextBlock, _("feedback for “True” (Bokmål)"), max_length=600)
    feedback_false = blocks.TextBlock(label=_("feedback for “False”"), max_length=600)
    feedback_false_nb = _nb(blocks.TextBlock, _("feedback for “False” (Bokmål)"), max_length=600)
    explanation = blocks.TextBlock(label=_("explanation"), max_length=1000, required=False)
    explanation_nb = _nb(blocks.TextBlock, _("explanation (Bokmål)"), max_length=1000)

    class Meta:
        icon = "radio-full"
        label = _("True or false")
        template = TEMPLATE_DIR + "true_false.html"

    def to_snapshot(self, value, block_id: str) -> dict:
        block_id = str(block_id)
        return {
            "id": block_id,
            "type": "true_false",
            "prompt": value["statement"],
            "case": "",
            "explanation": value.get("explanation") or "",
            "choices": [
                {
                    "id": f"{block_id}-true",
                    "text": _in_language("en", _("True")),
                    "feedback": value["feedback_true"],
                    "correct": bool(value["is_true"]),
                },
                {
                    "id": f"{block_id}-false",
                    "text": _in_language("en", _("False")),
                    "feedback": value["feedback_false"],
                    "correct": not value["is_true"],
                },
            ],
            "nb": {
                "prompt": value.get("statement_nb") or "",
                "case": "",
                "explanation": value.get("explanation_nb") or "",
                "choices": {
                    f"{block_id}-true": {
                        "text": _in_language("nb", _("True")),
                        "feedback": value.get("feedback_true_nb") or "",
                    },
                    f"{block_id}-false": {
                        "text": _in_language("nb", _("False")),
                        "feedback": value.get("feedback_false_nb") or "",
                    },
                },
            },
        }


def _in_language(language: str, text) -> str:
    with translation.override(language):
        return str(text)


class QuizQuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()


def questions_snapshot(stream_value) -> list[dict]:
    """Every question of a quiz StreamValue in the scoring form (author order, key included)."""
    return [child.block.to_snapshot(child.value, child.id) for child in stream_value]
