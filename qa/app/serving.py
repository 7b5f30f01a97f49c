"""How `qa serve` exposes the app: the login (wrong passwords slowed down) and the Host names it answers to."""

from __future__ import annotations

import asyncio
import hmac
import logging
from dataclasses import dataclass, field
from typing import Any

from index.errors import ReleaseQAError

logger = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WILDCARD = ("0.0.0.0", "::", "")


class ServingError(ReleaseQAError):
    """A login or host setting that cannot be used."""


@dataclass
class Login:
    """The app's login check (gradio awaits ``check`` with what was typed). Every wrong attempt waits ``delay``
    seconds while holding one lock, so that wrong attempts are answered one at a time, whoever sends them and
    however many at once: 300 wrong passwords take ``300 × delay`` seconds, not a fraction of one. The wait
    is awaited, so the app keeps answering everyone else meanwhile."""

    user: str
    password: str
    delay: float = 1.0
    _wrong: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @classmethod
    def parse(cls, auth: str, delay: float = 1.0) -> Login:
        user, _, password = auth.partition(":")
        if not user or not password:
            raise ServingError("QA_AUTH must look like user:password")
        return cls(user, password, delay)

    async def check(self, user: str, password: str) -> bool:
        right = hmac.compare_digest(user.encode(), self.user.encode()) & hmac.compare_digest(
            password.encode(), self.password.encode())
        if not right:
            async with self._wrong:
                logger.warning("wrong login for user %r", user[:64])
                await asyncio.sleep(self.delay)
        return right


def allowed_hosts(bind: str, listed: str | None) -> list[str]:
    """The Host header values the app answers: the loopback names and the bound address, and those listed in
    QA_ALLOWED_HOSTS (comma-separated; ``*``: any). A foreign Host header (a DNS-rebinding page in a browser on
    this machine, say) gets 400. Bound to every address with none listed, any Host is answered."""
    hosts = [h.strip() for h in (listed or "").split(",") if h.strip()]
    if "*" in hosts or (bind in WILDCARD and not hosts):
        return ["*"]
    bound = [f"[{bind}]" if ":" in bind else bind] if bind not in WILDCARD else []  # Host headers bracket IPv6
    return list(dict.fromkeys([*LOOPBACK, "[::1]", *bound, *hosts]))


def warnings_for(bind: str, login: Login | None, hosts: list[str]) -> list[str]:
    """What an operator should hear before the app opens."""
    said = []
    if login is None and bind not in LOOPBACK:
        said.append(f"serving on {bind} without QA_AUTH: anyone who can reach this address can read and upload "
                    "releases; set QA_AUTH=user:password")
    if hosts == ["*"] and bind not in LOOPBACK:
        said.append("any Host header is answered; set QA_ALLOWED_HOSTS to the names this app is reached by")
    return said


def app_kwargs(hosts: list[str]) -> dict[str, Any]:
    """FastAPI arguments for gradio's ``launch``: the Host check as the first middleware."""
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    return {"middleware": [Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]}
