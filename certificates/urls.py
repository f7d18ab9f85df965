"""Mounted at the site root (lms/urls.py: path("", include("certificates.urls"))).

Public, cookie-free routes live under /verify/ and /.well-known/ (both exempt from the staff-MFA redirect); the
holder's page is /my/certificates/.
"""

from django.urls import path

from .views import holder, public

app_name = "certificates"

urlpatterns = [
    path(".well-known/jwks.json", public.jwks_view, name="jwks"),
    path("verify/", public.verify_form, name="verify_form"),
    path("verify/issuer/", public.issuer_view, name="issuer"),
    path("verify/status/", public.status_list_view, name="status_list"),
    path("verify/status/suspension/", public.suspension_list_view, name="status_list_suspension"),
    path("verify/keys/<str:kid>.json", public.public_key_view, name="public_key"),
    path("verify/achievements/<str:key>/", public.achievement_view, name="achievement"),
    path("verify/<str:code>/", public.verify_detail, name="verify"),
    path("verify/<str:code>/verification.json", public.verify_json, name="verify_json"),
    path("verify/<str:code>/credential.jwt", public.credential_jwt, name="credential_jwt"),
    path("verify/<str:code>/credential.json", public.credential_json, name="credential_json"),
    path("verify/<str:code>/certificate.pdf", public.certificate_pdf, name="pdf"),
    path("verify/<str:code>/qr.svg", public.qr_code, name="qr"),
    path("my/certificates/", holder.my_certificates, name="my_certificates"),
]
