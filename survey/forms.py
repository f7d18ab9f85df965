"""The survey's form: Wagtail's form builder with a scale type, length limits, an always-optional email, and the
honeypot and time-trap of `home.antispam`."""

from __future__ import annotations

from django import forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.antispam import SpamProtectedForm, single_line

TEXT_MAX_LENGTH = 2000
LINE_MAX_LENGTH = 255


class SurveyForm(BaseForm, SpamProtectedForm):
    stamp_salt = "survey.answer"

    def questions(self):
        """The bound fields of the questions, in order (not the protection fields)."""
        return [self[name] for name in self.fields if not name.startswith("hp_")]


class SurveyFormBuilder(FormBuilder):
    """Builds the form from the page's questions. `kind` on each field tells the template how to lay it out."""

    def __init__(self, fields, page=None):
        super().__init__(list(fields))
        self.page = page

    def create_singleline_field(self, field, options):
        options["max_length"] = LINE_MAX_LENGTH
        options["validators"] = [single_line]
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = TEXT_MAX_LENGTH
        options["widget"] = forms.Textarea(attrs={"rows": 5})
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        # An email is personal data: never required, whatever the question says.
        options["required"] = False
        return forms.EmailField(**options)

    def create_dropdown_field(self, field, options):
        # A blank first entry, so nobody's answer is the first choice just because they skipped the question.
        options["choices"] = [("", "—"), *self.get_formatted_field_choices(field)]
        return forms.ChoiceField(**options)

    def create_scale_field(self, field, options):
        top = field.scale_max or 5
        options["choices"] = [(value, str(value)) for value in range(1, top + 1)]
        options["coerce"] = int
        options["empty_value"] = None
        options["widget"] = forms.RadioSelect
        options.pop("initial", None)
        formfield = forms.TypedChoiceField(**options)
        formfield.scale_labels = (field.scale_min_label, field.scale_max_label)
        return formfield

    @property
    def formfields(self):
        built = super().formfields
        for question, (_name, formfield) in zip(self.fields, built.items(), strict=True):
            formfield.kind = question.field_type
            if question.field_type == "checkboxes":
                formfield.initial = []
        return built

    def get_form_class(self):
        return type("SurveyPageForm", (SurveyForm,), self.formfields)
