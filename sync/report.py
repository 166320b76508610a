"""The receipt of a sync as text, to show, keep and print (sent, received, conflicts, refusals)."""

from __future__ import annotations

from typing import Any

from app.store.receipts import SyncReceipt

STATUS = {"done": "已完成", "cancelled": "已取消（下次同步继续）", "failed": "未完成",
          "running": "进行中或被中断"}  # fmt: skip
ENTITIES = {
    "household": "户", "person": "残疾人", "certificate": "证件记录", "subsidy": "补贴记录",
    "visit": "走访", "form_response": "问卷", "renovation_case": "无障碍改造个案",
    "attachment": "附件", "change_notice": "变动核对", "audit_event": "操作记录",
    "area": "区划", "user": "用户", "assignment": "负责区域",
}  # fmt: skip


def receipt_text(receipt: SyncReceipt) -> str:
    """The receipt in Simplified Chinese, one fact a line."""
    finished = receipt.finished_at.strftime("%Y-%m-%d %H:%M:%S") if receipt.finished_at else "-"
    lines = [
        "入户走访助手 同步回执",
        f"用户：{receipt.username}",
        f"开始：{receipt.started_at:%Y-%m-%d %H:%M:%S}　结束：{finished}",
        f"结果：{STATUS.get(receipt.status, receipt.status)}",
        f"上传照片：{receipt.blobs_sent} 张　下载照片：{receipt.blobs_received} 张",
        f"发送修改：{receipt.sent} 项　接收修改：{receipt.received} 项"
        f"　移出本人负责区域：{receipt.removed} 项",
        f"冲突：{receipt.conflicts} 项　被拒绝：{receipt.refused} 项",
    ]
    detail = receipt.detail or {}
    if detail.get("damaged"):
        lines.append(f"损坏的照片：{len(detail['damaged'])} 张（见下）")
    if detail.get("error"):
        lines.append(f"中断原因：{detail['error']}")
    for item in detail.get("conflicts", []):
        what = ENTITIES.get(item.get("entity", ""), item.get("entity", ""))
        lines.append(
            f"冲突　{what} {str(item.get('record_id', ''))[:8]} 的 {item.get('field')}："
            f"本机 {item.get('mine')}，服务器 {item.get('theirs')}（待处理）"
        )
    lines += damaged_lines(detail)
    for item in detail.get("refused", []):
        what = ENTITIES.get(item.get("entity", ""), item.get("entity", ""))
        lines.append(f"被拒绝　{what} {str(item.get('record_id', ''))[:8]}：{item.get('reason')}")
    return "\n".join(lines)


def damaged_lines(detail: dict[str, Any]) -> list[str]:
    """One line per damaged photo: whose photo it is and what the member should do."""
    lines = []
    for item in detail.get("damaged", []):
        whose = "、".join(item.get("records") or []) or f"附件 {item.get('sha', '')}"
        if item.get("where") == "laptop":
            lines.append(
                f"照片损坏　{whose}：本机的照片文件已损坏，未上传；其余数据照常同步。"
                "请删除这张照片后重新拍摄或添加"
            )
            lines.append(f"　　损坏的文件已移到：{item.get('kept', '')}")
        else:
            lines.append(f"照片损坏　{whose}：从服务器收到的照片与校验值不符，未保存；下次同步再取")
    return lines
