"""Password validation: Django's validators, with one message our Bokmål catalogue can translate."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length check, whose error message is also in the root catalogue (locale/).

    Django 5.2 words this message with `%d`; its own Norwegian Bokmål catalogue still has only the older
    `%(min_length)d` wording, so the error showed in English on a Norwegian page. Writing the msgid here lets
    `make messages` keep our translation.
    """

    def get_error_message(self):
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )
