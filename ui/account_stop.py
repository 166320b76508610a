"""What the program says and asks when the server stopped this user or laptop.

The server disables a user or revokes a laptop (`app.store.account_lock`); the laptop's data
stays, encrypted, and opens again only after a fresh sign-in with the server succeeds
(`sync.client.reinstate`). When an admin reset the password meanwhile, that sign-in needs
the new password: the unlock asks for it, and the laptop's data is re-encrypted under it.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication

from app.store.errors import StoreError
from ui.i18n import QT_TRANSLATE_NOOP

#: the reinstate's answers besides the stop codes (`sync.client.PASSWORD_WANTED`, ...)
PASSWORD_WANTED, UNREACHABLE, THROTTLED = "auth.failed", "network", "auth.throttled"


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


#: why the laptop is locked, and whom to ask
REASONS: dict[str, str] = {
    "auth.inactive": QT_TRANSLATE_NOOP("app", "此账号已被停用，请联系区残联管理员"),
    "auth.revoked": QT_TRANSLATE_NOOP("app", "此设备已被注销，请联系区残联管理员"),
}
#: why a fresh sign-in did not unlock it
ANSWERS: dict[str, str] = {
    PASSWORD_WANTED: QT_TRANSLATE_NOOP(
        "app",
        "服务器上的密码已由管理员重置：请在“服务器密码”中输入管理员告知的新密码。"
        "解锁后，本机的密码也改为这个新密码。",
    ),
    UNREACHABLE: QT_TRANSLATE_NOOP(
        "app", "无法连接服务器，不能确认管理员是否已恢复您的账号；请联网后再试"
    ),
    THROTTLED: QT_TRANSLATE_NOOP("app", "登录失败次数过多，请稍后再试"),
}
WRONG_SERVER_PASSWORD = QT_TRANSLATE_NOOP("app", "服务器密码不对：请核对管理员告知的新密码")
#: what the lock panel says when a sync was refused for a stopped user or laptop
LOCKED_NOW = QT_TRANSLATE_NOOP(
    "app",
    "%s。\n程序已锁定：本机的数据仍加密保存在本机，没有丢失，正在进行的工作已保存。"
    "管理员恢复您的账号后，在下面输入密码即可解锁。",
)


def reason_text(code: str) -> str:
    """Why the laptop is locked, in the language of the moment."""
    return _tr(REASONS.get(code, REASONS["auth.revoked"]))


def answer_text(answer: str, locked_for: str, server_password: str = "") -> str:
    """What a fresh sign-in's `answer` (`sync.client.reinstate`) means to the member."""
    if answer == PASSWORD_WANTED and server_password:
        return _tr(WRONG_SERVER_PASSWORD)
    if answer in ANSWERS:
        text = _tr(ANSWERS[answer])
        return text if answer == PASSWORD_WANTED else f"{reason_text(locked_for)}（{text}）"
    return reason_text(answer or locked_for)


def locked_now_text(code: str) -> str:
    return _tr(LOCKED_NOW) % reason_text(code)


class AccountLocked(StoreError):
    """The server disabled the user or revoked this laptop: the data stays locked."""

    MESSAGES: ClassVar[dict[str, str]] = REASONS

    def __init__(self, code: str, answer: str = "", server_password: str = "") -> None:
        self.code = code
        #: what the last fresh sign-in answered (`sync.client.reinstate`)
        self.answer = answer or code
        self.user_message = answer_text(self.answer, code, server_password)
        super().__init__()

    @property
    def password_wanted(self) -> bool:
        """Whether the server asks for the password an admin reset."""
        return self.answer == PASSWORD_WANTED
