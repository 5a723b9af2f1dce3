"""A real SMTP server (aiosmtpd) on a free local port, and the app configured to send through it."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine

from matching.mail.delivery import DeliveryReport, deliver_pass
from matching.settings import Settings, load_settings
from tests.conftest import TEST_DATABASE_URL
from web.mail import translations_for


def free_port() -> int:
    """A local TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    """What the SMTP server received, as parsed messages."""

    messages: list[EmailMessage] = field(default_factory=list)
    delay_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        if self.delay_s:
            time.sleep(self.delay_s)  # a slow server makes two senders overlap for real
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """Messages addressed to `address`."""
        return [m for m in self.messages if m["To"] == address]


def body(message: EmailMessage, subtype: str = "plain") -> str:
    """The text (or html) part of a message."""
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no {subtype} part"
    return str(part.get_content())


def links(message: EmailMessage) -> list[str]:
    """Every link in the plain-text part."""
    return re.findall(r"https?://\S+", body(message))


@dataclass
class SmtpServer:
    """A running aiosmtpd server that can be stopped and started again on the same port."""

    port: int
    inbox: Inbox
    controller: Controller | None = None

    def start(self) -> None:
        """Listen (again)."""
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Go down, as a mail server does now and then."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server for the test."""
    server = SmtpServer(port=free_port(), inbox=Inbox())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path, smtp: SmtpServer) -> Settings:
    """Test settings with mail on, through the test's SMTP server."""
    return load_settings(
        {}, env="testing", instance_path=str(tmp_path), database_url=TEST_DATABASE_URL,
        smtp_host="127.0.0.1", smtp_port=smtp.port, base_url="http://opstap.test",
        mail_from="Opstap <opstap@opstap.test>",
    )  # fmt: skip


def deliver(engine: Engine, settings: Settings, now: datetime | None = None) -> DeliveryReport:
    """One delivery pass, as `opstap mail send` does it."""
    return deliver_pass(engine, settings=settings, translations=translations_for, now=now)


from tests.loop.conftest import _fast_hashing, world  # noqa: E402,F401  (the loop's world and fast hashing)
