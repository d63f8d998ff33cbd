#!/usr/bin/env python3
"""OAuth 2.0 with real clients: Authlib signs in through Almanac's consent page, python-caldav uses the token.

A public client registered with `almanac oauth-client add` runs the authorization code flow with PKCE (S256) through
Authlib's OAuth2Session (the consent form filled and posted as a browser would), then python-caldav reads and writes
the user's calendar with the bearer token, Authlib refreshes it (the old refresh token then fails), and revokes it
(RFC 7009), after which CalDAV refuses the token.

Usage: oauth_check.py --url http://127.0.0.1:PORT/ --user U:P --almanac BIN --data DIR

The last line is "oauth: N passed, M failed (of T checks)".
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import uuid
from html.parser import HTMLParser

import caldav
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.common.security import generate_token

from steps import Steps

REDIRECT = "http://127.0.0.1:8765/callback"


class FormFields(HTMLParser):
    """The hidden inputs of the consent form, as a browser would post them back."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden":
            self.fields[attributes["name"]] = attributes.get("value") or ""


def bearer_client(url: str, token: str) -> caldav.DAVClient:
    return caldav.DAVClient(url=url, headers={"Authorization": f"Bearer {token}"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True, help="USER:PASSWORD")
    parser.add_argument("--almanac", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    user, password = args.user.split(":", 1)
    base = args.url.rstrip("/")
    steps = Steps("oauth")

    with steps.stage("the administrator registers a public client"):
        made = subprocess.run([args.almanac, "oauth-client", "add", "--name", "Conformance app", "--redirect-uri",
                               REDIRECT, "--data", args.data], capture_output=True, text=True, timeout=60)
        match = re.search(r"client_id (client_[0-9a-f]+)", made.stdout)
        steps.check("almanac oauth-client add prints the client id", match is not None, made.stdout + made.stderr)
        client_id = match.group(1) if match else ""

    with steps.stage("discovery"):
        metadata = requests.get(f"{base}/.well-known/oauth-authorization-server", timeout=10).json()
        steps.check("the metadata names S256", metadata.get("code_challenge_methods_supported") == ["S256"], metadata)

    session = OAuth2Session(client_id, redirect_uri=REDIRECT, scope="calendars.read calendars.write",
                            code_challenge_method="S256", token_endpoint_auth_method="none")
    verifier = generate_token(64)
    with steps.stage("authorization code with PKCE through the consent page"):
        uri, state = session.create_authorization_url(metadata["authorization_endpoint"], code_verifier=verifier)
        page = requests.get(uri, timeout=10)
        steps.check("the consent page names the app", page.status_code == 200 and "Conformance app" in page.text,
                    page.status_code)
        form = FormFields()
        form.feed(page.text)
        answer = requests.post(f"{base}/oauth/authorize", timeout=10, allow_redirects=False,
                               data={**form.fields, "user_name": user, "password": password, "decision": "allow"})
        location = answer.headers.get("Location", "")
        steps.check("allowing returns to the app with a code", answer.status_code == 303 and "code=" in location,
                    (answer.status_code, location[:120]))
        token = session.fetch_token(metadata["token_endpoint"], authorization_response=location,
                                    code_verifier=verifier)
        steps.check("Authlib receives a bearer token and a refresh token",
                    token.get("token_type") == "Bearer" and token.get("refresh_token", "").startswith("almr_"),
                    {key: value for key, value in token.items() if key != "access_token"})

    tag = uuid.uuid4().hex[:8]
    with steps.stage("python-caldav with the bearer token"):
        client = bearer_client(args.url, token["access_token"])
        calendars = client.principal().calendars()
        steps.check("the principal's calendars are listed", len(calendars) >= 1, calendars)
        calendars[0].save_event(
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Almanac conformance//oauth//EN\nBEGIN:VEVENT\n"
            f"UID:oauth-{tag}\nDTSTAMP:20260101T000000Z\nDTSTART:20261214T090000Z\nDURATION:PT1H\n"
            "SUMMARY:Written with an OAuth token\nEND:VEVENT\nEND:VCALENDAR\n")
        found = [e for e in calendars[0].events() if f"oauth-{tag}" in e.data]
        steps.check("an event written with the token reads back", len(found) == 1)
        api = requests.get(f"{base}/api/v1/users/me", headers={"Authorization": f"Bearer {token['access_token']}"},
                           timeout=10)
        steps.check("the same token opens the JSON API", api.status_code == 200 and api.json().get("name") == user,
                    api.status_code)

    with steps.stage("refresh rotates"):
        old_refresh = token["refresh_token"]
        refreshed = session.refresh_token(metadata["token_endpoint"], refresh_token=old_refresh)
        steps.check("a new refresh token comes back", refreshed.get("refresh_token") not in (None, old_refresh))
        replay = requests.post(metadata["token_endpoint"], timeout=10,
                               data={"grant_type": "refresh_token", "refresh_token": old_refresh,
                                     "client_id": client_id})
        steps.check("the used refresh token is refused", replay.status_code == 400
                    and replay.json().get("error") == "invalid_grant", replay.text[:200])
        after = requests.get(f"{base}/api/v1/users/me", timeout=10,
                             headers={"Authorization": f"Bearer {refreshed['access_token']}"})
        steps.check("its replay revoked the grant", after.status_code == 401, after.status_code)

    with steps.stage("revocation"):
        uri, state = session.create_authorization_url(metadata["authorization_endpoint"], code_verifier=verifier)
        form = FormFields()
        form.feed(requests.get(uri, timeout=10).text)
        answer = requests.post(f"{base}/oauth/authorize", timeout=10, allow_redirects=False,
                               data={**form.fields, "user_name": user, "password": password, "decision": "allow"})
        token = session.fetch_token(metadata["token_endpoint"], authorization_response=answer.headers["Location"],
                                    code_verifier=verifier)
        steps.check("a second grant's token works", len(bearer_client(args.url, token["access_token"])
                                                         .principal().calendars()) >= 1)
        revoked = session.revoke_token(metadata["revocation_endpoint"], token=token["refresh_token"],
                                       token_type_hint="refresh_token")
        steps.check("Authlib's revocation is answered 200", revoked.status_code == 200, revoked.status_code)
        try:
            bearer_client(args.url, token["access_token"]).principal().calendars()
            steps.check("CalDAV refuses the revoked grant's access token", False)
        except Exception as error:  # python-caldav raises its AuthorizationError (a 401)
            steps.check("CalDAV refuses the revoked grant's access token", "Authorization" in type(error).__name__,
                        repr(error)[:200])
        propfind = requests.request("PROPFIND", f"{base}/calendars/{user}/", timeout=10,
                                    headers={"Authorization": f"Bearer {token['access_token']}", "Depth": "0"})
        steps.check("the revoked token gets 401 from CalDAV", propfind.status_code == 401, propfind.status_code)
    return steps.finish()


if __name__ == "__main__":
    sys.exit(main())
