"""What an OAuth token endpoint's refusal means for the operator, and what fixes it.

The codes are RFC 6749 §5.2's; the causes are the ones Google documents for them:
a refresh token of an app whose consent screen is in "Testing" expires after 7 days
(https://developers.google.com/identity/protocols/oauth2#expiration); domain-wide
delegation is granted per client id and scope in the Admin console
(https://support.google.com/a/answer/162106).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuthProblem:
    code: str  # "invalid_grant", "invalid_scope", "unauthorized_client", or another endpoint code
    cause: str
    fix: str

    def __str__(self) -> str:
        return f"{self.code}: {self.cause}. Fix: {self.fix}"


_KNOWN = {
    "invalid_grant": (
        "the refresh token was revoked, or it expired because the OAuth consent screen is in \"Testing\" "
        "(tokens then live 7 days)",
        "publish the consent screen (\"In production\"), sign in again for a new refresh token, "
        "and add it as a new secret version (README, Runbook)",
    ),
    "invalid_scope": (
        "the credential was not granted the scope requested",
        "obtain a new refresh token with exactly the scopes the README lists (Deploying, step 5)",
    ),
    "unauthorized_client": (
        "domain-wide delegation is not granted to this client id for this scope "
        "(or a refresh token is used with another OAuth client)",
        "Workspace Admin console > Security > API controls > Domain-wide delegation: authorise the "
        "gmail_sender_client_id output for https://www.googleapis.com/auth/gmail.send",
    ),
}


def explain_token_refusal(code: str | None, description: str = "") -> AuthProblem:
    """The operator's reading of a token endpoint error ``code`` (None when it named none)."""
    if code in _KNOWN:
        cause, fix = _KNOWN[code]
        return AuthProblem(code, cause, fix)
    return AuthProblem(code or "unknown", description or "the token endpoint refused the credential",
                       "check the credential's configuration (README, Configuration)")


def oauth_client_project_number(client_id: str) -> str | None:
    """The project number an OAuth client id names (``<number>-<id>.apps.googleusercontent.com``)."""
    number, dash, _ = client_id.partition("-")
    return number if dash and number.isdigit() else None
