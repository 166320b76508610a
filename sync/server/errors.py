"""Errors the server answers with: an HTTP status, a code for programs, a Chinese message."""

from __future__ import annotations

from typing import Any

from sync.protocol import ErrorBody

MESSAGES: dict[str, str] = {
    "auth.failed": "用户名或密码错误",
    "auth.throttled": "登录失败次数过多，请{seconds}秒后再试",
    "auth.token": "此设备尚未登录或登录已失效，请重新登录",
    "auth.revoked": "此设备已被注销，请联系区残联管理员",
    "auth.inactive": "此账号已被停用，请联系区残联管理员",
    "admin.role": "只有管理员可以进行此操作",
    "admin.district": "不在您管理的区县内：{what}",
    "admin.invalid": "{detail}",
    "admin.self": "不能对自己的账号或当前设备这样做：{detail}",
    "protocol.version": (
        "程序与服务器的同步协议版本不一致（程序{client}，服务器{server}），请升级程序"
    ),
    "request.invalid": "请求格式错误：{detail}",
    "request.too_big": "请求太大（超过{mb}MB）",
    "request.http": "请求无法处理：{detail}",
    "scope.denied": "无权访问该区域的数据",
    "not_found": "找不到：{what}",
    "blob.hash_mismatch": "附件内容与其校验值不符，请重新上传",
    "blob.offset": "附件分段的起点有误：服务器已收到前{received}字节，请从那里继续",
    "blob.range": "附件分段的范围有误：{detail}",
    "conflict.resolution": "冲突的处理方式无效：{detail}",
    "snapshot.too_big": "负责区域的数据太多，无法一次下载，将分页接收",
}


class ServerError(Exception):
    """An error that becomes an HTTP response with an `ErrorBody`."""

    def __init__(
        self,
        status: int,
        code: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.params = dict(params or {})
        self.headers = dict(headers or {})
        super().__init__(f"{status} {code}")

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code, self.code)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template

    def body(self) -> ErrorBody:
        return ErrorBody(code=self.code, message=self.message, detail=self.params)


def forbidden() -> ServerError:
    return ServerError(403, "scope.denied")


def not_found(what: str) -> ServerError:
    return ServerError(404, "not_found", {"what": what})
