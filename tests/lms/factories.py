import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from lms.models import Institution, User

TEST_PASSWORD = "correct-horse-battery-staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # a fixed base32 secret for tests


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test University College {n}")
    short_name = factory.Sequence(lambda n: f"TUC{n}")
    slug = factory.Sequence(lambda n: f"tuc-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified email and the password TEST_PASSWORD.

    `UserFactory(role="Advisors")` adds a role group; `with_totp=True` gives a TOTP authenticator with
    TEST_TOTP_SECRET (staff roles need one, or the MFA middleware sends them to set it up).
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_name = factory.LazyAttribute(lambda o: o.full_name.split(" ")[0])
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, TEST_TOTP_SECRET)
