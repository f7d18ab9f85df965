from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from . import views
from .admin_account import AccountView
from .admin_pages import CreatePageView
from .feide import views as feide_views

# One login path: every login-like route of Wagtail answers with a redirect to allauth and never reads a password.
single_login_path = [
    re_path(r"^admin/login/?$", views.redirect_to_login, name="wagtail_login_redirect"),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    re_path(r"^_util/login/?$", views.redirect_to_login),
    re_path(r"^_util/authenticate_with_password/", views.gone),
    # Shared-password documents are switched off (WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS); so is their form.
    re_path(r"^documents/authenticate_with_password/", views.gone),
]

urlpatterns = [
    *single_login_path,
    # allauth's Feide (OpenID Connect) views at their own URLs, behind the site's rate limits (lms/feide/views.py).
    path("accounts/oidc/<str:provider_id>/login/", feide_views.login, name="feide_login"),
    path("accounts/oidc/<str:provider_id>/login/callback/", feide_views.callback, name="feide_callback"),
    # An unknown realm's second way: go on, for a coordinator to confirm the institution (lms/feide/pending.py).
    path("accounts/feide/other-institution/", feide_views.continue_other_institution, name="feide_other_institution"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("lms.urls_accounts")),
    path("accounts/", include("privacy.urls")),
    # Django's set_language, which also remembers the choice on a signed-in person's profile (home.views).
    path("i18n/setlang/", home_views.set_language, name="set_language"),
    # Wagtail's account page with our name fields (lms/admin_account.py), at Wagtail's own URL and name.
    path("admin/account/", require_admin_access(AccountView.as_view()), name="wagtailadmin_account"),
    # Wagtail's "new page" view without autosave, so an abandoned form leaves no draft page (lms/admin_pages.py).
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        require_admin_access(CreatePageView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("certificates.urls")),
    path("supervision/", include("supervision.urls")),
    path("apply/", include("recruitment.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
