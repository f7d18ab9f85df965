from allauth.account.adapter import DefaultAccountAdapter

from . import roles


class AccountAdapter(DefaultAccountAdapter):
    """New accounts start as trainees; every other role is given by an administrator."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from django.contrib.auth.models import Group

            group = Group.objects.filter(name=roles.TRAINEES).first()
            if group is not None:
                user.groups.add(group)
        return user
