"""Log in with Feide, the institutional login of Norwegian universities, through allauth's OpenID Connect provider.

`provider` adds a nonce to allauth's generic provider; `adapter` decides what a Feide identity may do (institution
from the realm, no takeover of an account by email, failures audited); `views` puts rate limits in front of
allauth's login and callback views. See docs/accounts.md and docs/decisions/0130-0134.
"""

PROVIDER_ID = "feide"
