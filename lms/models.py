"""People and institutions, shared by every app, and the append-only audit log."""

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from . import roles


class Institution(models.Model):
    """A university or college whose students take part; coordinators follow their own institution."""

    class PeerSupport(models.TextChoices):
        NOT_YET = "not_yet", _("Not yet")
        ESTABLISHING = "establishing", _("Being established")
        ESTABLISHED = "established", _("Established")

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    city = models.CharField(_("city"), max_length=80, default="Oslo")
    is_active = models.BooleanField(_("active"), default=True)
    peer_support = models.CharField(
        _("peer support"),
        max_length=20,
        choices=PeerSupport.choices,
        default=PeerSupport.NOT_YET,
        help_text=_("Whether peer support is established at this institution (shown on the institutions page)."),
    )
    contact_name = models.CharField(
        _("contact name"),
        max_length=150,
        blank=True,
        help_text=_("Who students of this institution write to when they are stuck, e.g. “the OsloMet coordinator”."),
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("Shown on every page that refuses something or ends a path. Empty: the site's contact address."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self):
        return self.name


class FeideRealmQuerySet(models.QuerySet):
    def institution_for(self, realm: str | None) -> "Institution | None":
        """The active institution whose Feide realm this is, or None for an unknown (or missing) realm."""
        if not realm:
            return None
        found = (
            self.filter(realm__iexact=realm.strip(), institution__is_active=True).select_related("institution").first()
        )
        return found.institution if found is not None else None


class FeideRealm(models.Model):
    """A Feide realm (the part after @ in eduPersonPrincipalName, e.g. `uio.no`) that belongs to an institution.

    A Feide login sets the person's institution from their realm (lms.feide); administrators add realms in the admin.
    """

    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="feide_realms"
    )
    realm = models.CharField(
        _("Feide realm"),
        max_length=100,
        help_text=_("The part after @ in the Feide user name, for example uio.no."),
        validators=[
            RegexValidator(
                r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
                _("Enter a realm such as uio.no: lower-case letters, digits, hyphens and dots."),
            )
        ],
    )

    objects = FeideRealmQuerySet.as_manager()

    class Meta:
        ordering = ["realm"]
        verbose_name = _("Feide realm")
        verbose_name_plural = _("Feide realms")
        constraints = [models.UniqueConstraint(Lower("realm"), name="lms_feiderealm_realm_ci_unique")]

    def __str__(self):
        return self.realm

    def save(self, *args, **kwargs):
        self.realm = self.realm.strip().lower()
        super().save(*args, **kwargs)


class InstitutionClaimQuerySet(models.QuerySet):
    def decidable_by(self, user) -> "InstitutionClaimQuerySet":
        """Claims this staff member may see and decide: administrators all, a coordinator those that name the
        coordinator's own institution, everybody else none."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.has_role(roles.ADMINISTRATORS):
            return self
        if user.has_role(roles.COORDINATORS) and user.institution_id:
            return self.filter(proposed_institution_id=user.institution_id)
        return self.none()


class InstitutionClaim(models.Model):
    """A person who logged in with Feide from a realm no institution has (`FeideRealm`), and who chose to go on and
    let a coordinator confirm their institution (lms.feide.pending). Until confirmed they have no institution, and
    so no way into training (recruitment refuses to accept them). Decided once: confirmed or refused."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    user = models.OneToOneField(
        "User", verbose_name=_("person"), on_delete=models.CASCADE, related_name="institution_claim"
    )
    realm = models.CharField(_("Feide realm"), max_length=100, help_text=_("The realm Feide gave for the person."))
    proposed_institution = models.ForeignKey(
        Institution,
        verbose_name=_("proposed institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The institution the person says they belong to; empty: not listed."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now, editable=False)
    decided_by = models.ForeignKey(
        "User", verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = InstitutionClaimQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("institution to confirm")
        verbose_name_plural = _("institutions to confirm")

    def __str__(self):
        return f"{self.user} ({self.realm})"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


# Erased accounts get an address in a reserved, undeliverable domain (RFC 2606), which also marks them.
ERASED_EMAIL_DOMAIN = "erased.invalid"
ERASED_LABEL = _("Deleted user")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=User.normalize_email_address(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who logs in with their email address.

    `full_name` is the legal name that certificates print; `preferred_name` is how the site greets them.
    """

    class Language(models.TextChoices):
        BOKMAL = "nb", _("Norwegian Bokmål")
        ENGLISH = "en", _("English")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    full_name = models.CharField(
        _("full legal name"), max_length=150, help_text=_("As it should appear on your certificates.")
    )
    preferred_name = models.CharField(
        _("preferred name"), max_length=80, blank=True, help_text=_("What you would like us to call you.")
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="lms_user_email_ci_unique"),
        ]

    def __str__(self):
        if self.is_erased:
            return str(ERASED_LABEL)
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.normalize_email_address(self.email)
        super().save(*args, **kwargs)

    @staticmethod
    def normalize_email_address(email: str) -> str:
        return (email or "").strip().lower()

    def get_full_name(self):
        if self.is_erased:
            return str(ERASED_LABEL)
        return self.full_name

    @property
    def is_erased(self) -> bool:
        """An account erased by `lms.services.user_erase`: the row stays as a nameless placeholder so that history
        (sessions held, attendance, certificates) keeps its shape."""
        return self.email.endswith("@" + ERASED_EMAIL_DOMAIN)

    def get_short_name(self):
        if self.is_erased:
            return str(ERASED_LABEL)
        if self.preferred_name:
            return self.preferred_name
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role_names(self) -> frozenset[str]:
        """Names of the role groups this user belongs to (one query, cached on the instance)."""
        if not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def is_administrator(self) -> bool:
        """Superusers and members of the Administrators role: the one "sees and manages everything" test. Callers
        that may hold an AnonymousUser check `is_authenticated` first (it has no such attribute)."""
        return self.is_superuser or roles.ADMINISTRATORS in self.role_names

    @property
    def is_staff_role(self) -> bool:
        """True for counsellors, advisors, coordinators, administrators and superusers: they need MFA."""
        return self.is_superuser or bool(self.role_names & roles.STAFF_ROLES)


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")

    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    """One security-relevant event. Append-only: rows are never updated or deleted through the ORM.

    `detail` holds small, non-secret facts (never passwords, tokens, codes or confidential notes).
    """

    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=64, db_index=True, editable=False)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, editable=False)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, editable=False)
    object_label = models.CharField(_("object"), max_length=254, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(_("client IP"), null=True, blank=True, editable=False)
    detail = models.JSONField(_("detail"), default=dict, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")
