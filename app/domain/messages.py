"""Simplified Chinese message templates for every validation issue code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.issues import Issue

# Templates use `{param}` placeholders filled from `Issue.params`. Every message names the
# offending value where there is one, so the member sees what to correct.
MESSAGES: dict[str, str] = {
    # Resident ID number (公民身份号码), GB 11643.
    "id.empty": "身份证号不能为空",
    "id.legacy15": "身份证号{id}是15位旧号码，请更正为18位新号码",
    "id.length": "身份证号{id}应为18位，现为{length}位",
    "id.chars": "身份证号{id}只能由数字组成，最后一位可以是X",
    "id.birthdate": "身份证号{id}中的出生日期{birth}不存在或晚于当前日期",
    "id.checksum": "身份证号{id}的校验位不符，请逐位核对",
    "id.duplicate": "身份证号已登记：{id}",
    # Disability certificate number (残疾人证号).
    "cert.empty": "残疾人证号不能为空",
    "cert.length": "残疾人证号{cert}应为20位（补发证加B和一位数字共22位），现为{length}位",
    "cert.format": (
        "残疾人证号{cert}格式错误：应为18位身份证号，加残疾类别（1-7）和残疾等级（1-4），"
        "补发证再加B和一位数字"
    ),
    "cert.id_mismatch": "残疾人证号{cert}的前18位与身份证号{id}不一致",
    "cert.category_mismatch": (
        "残疾人证号{cert}中的残疾类别{cert_category}与登记的类别{category}不一致"
    ),
    "cert.grade_mismatch": "残疾人证号{cert}中的残疾等级{cert_grade}与登记的等级{grade}不一致",
    "cert.duplicate": "残疾人证号已被他人使用：{cert}",
    # Phone numbers.
    "phone.empty": "电话号码不能为空",
    "phone.chars": "电话号码{phone}含有无效字符，只能填写数字和连字符",
    "phone.mobile": "手机号码{phone}无效：应为11位，以13至19开头",
    "phone.no_area_code": "固定电话{phone}缺少区号，请加上区号（如0574）",
    "phone.invalid": "电话号码{phone}无效：应为11位手机号或带区号的固定电话（如0574-88881234）",
    # Areas (统计用区划代码).
    "area.unknown": "未知的区划代码：{code}",
    "area.invalid": "区划代码必须是12位数字：{code}",
    "area.not_village": "住户必须属于村/社区一级区划：{code}",
    # Records.
    "household.unknown": "未知的户：{id}",
    "person.unknown": "未知的残疾人：{id}",
    "record.unknown": "未知的记录：{id}",
    "record.deleted": "记录已删除",
    # Registry upkeep (app/services/registry.py): new certificates and moves.
    "person.cancelled": "{name}已注销，不能再迁移或换证",
    "cert.unchanged": "新证号{cert}与现有残疾人证相同：换证须改变证号、类别或等级",
    "cert.issued_before": "发证日期{day}早于现有残疾人证的发证日期{since}",
    "move.same_household": "{name}已在这一户，请选择另一户",
    "move.other_district": "只能迁往本区县的村/社区：{code}",
    # Attachments.
    "attachment.empty": "附件是空文件",
    "attachment.too_big": "附件太大：不能超过{mb}MB",
    # Fields and code lists.
    "field.required": "必填项：{field}",
    "field.unknown": "未知字段：{field}",
    "field.derived": "{field}由身份证号自动得出，不能直接填写",
    "code.unknown": "{list}中没有代码 {code}",
    # Visits (app/services/visits.py).
    "visit.past": "不能把走访计划在已过去的日期：{day}",
    # --- The two subsidies (app/domain/subsidies.py, subsidy_steps.py) -----------------
    # warnings on a person: the checks of shared/domain/monthly-verification.md section 1
    "subsidy.care_outside_groups": (
        "{name}为{category}{grade}，不在护理补贴的对象范围内，却在领取护理补贴"
    ),
    "subsidy.care_excluded": "{name}在领取护理补贴，但{reason}不应同时享受护理补贴",
    "subsidy.care_missing": "{name}为{category}{grade}，符合护理补贴条件，但未领取，也没有记录原因",
    "subsidy.living_missing": (
        "{name}的家庭为{hardship}，但未领取困难残疾人生活补贴，也没有记录原因"
    ),
    "subsidy.living_not_qualified": (
        "{name}的家庭已不是低保（或低保边缘）家庭，仍在领取困难残疾人生活补贴"
    ),
    "subsidy.living_excluded": "{name}的家庭为{reason}，不应同时领取困难残疾人生活补贴",
    "subsidy.cancelled_running": "{name}已{status}，{kind}仍在发放",
    "subsidy.bank_missing": "补贴在发放，但没有登记银行账号（社保卡或银行卡）",
    "subsidy.bank_format": "银行账号 {account} 格式有误：应为8到30位数字",
    "subsidy.bank_check_digit": "银行卡号 {account} 的校验位不符，请逐位核对",
    # the steps and the history (refused changes)
    "subsidy.no_group": "{year}年的设置中没有{kind}的组“{group}”",
    "subsidy.no_settings": "设置文件中没有{year}年的补贴标准，无法确定金额",
    "subsidy.kind_unknown": "未知的补贴类型：{kind}",
    "subsidy.not_qualified": "{name}目前不符合{kind}的条件（{why}）",
    "subsidy.already_running": "{name}的{kind}正在发放，不能重复申请",
    "subsidy.already_pending": "{name}已有一份{kind}的申请在办理中",
    "subsidy.unknown": "未知的补贴记录：{id}",
    "subsidy.step_unknown": "未知的办理步骤：{step}",
    "subsidy.step_out_of_order": "现在不能{step}（上一步是{last}）",
    "subsidy.step_not_allowed": "{role}不能办理“{step}”",
    "subsidy.step_missing": "补贴状态只能通过办理步骤（受理、审核、审定、停发）改变",
    "subsidy.one_step": "一次只能办理一个步骤",
    "subsidy.step_status": "“{step}”后的状态不对",
    "subsidy.reason_required": "{step}必须填写原因",
    "subsidy.nothing_running": "没有正在发放的补贴可以停发",
    "subsidy.month_invalid": "月份应写成年-月，如2026-12：{month}",
    "subsidy.end_before_start": "停发月份{end}早于开始发放的月份{start}",
    "subsidy.amount_invalid": "每月金额（分）应为大于0的整数：{amount}",
    "subsidy.decision_required": "审定必须填写批准日期和批准文号",
    "subsidy.decision_future": "批准日期{day}晚于今天",
    "subsidy.start_after_decision": "开始发放月份应为批准的次月{expected}，现为{start}",
    "subsidy.history_rewritten": "补贴的历史记录不能修改（{what}）；停发后如需恢复，请重新申请",
    "subsidy.end_reason_unknown": "未知的停发原因：{reason}",
    # --- end of subsidy messages ------------------------------------------------------
    # Form responses (app/services/responses.py): form issues carried into a refused move.
    "form.issue": "{text}",
    "form.warnings_unconfirmed": "还有{count}条提醒没有确认，请逐条核实后确认",
    # --- Response workflow and renovation cases (workflow.py, renovation.py) -------------
    # States and roles arrive as Chinese labels in the parameters.
    "workflow.unknown_state": "未知的状态：{state}",
    "workflow.unknown_role": "未知的角色：{role}",
    "workflow.no_such_move": "不能从“{from}”直接改为“{to}”",
    "workflow.not_allowed": "{role}不能把“{from}”改为“{to}”",
    "workflow.reason_required": "改为“{to}”必须填写理由",
    "workflow.blocked": "还有{count}个问题未解决，不能改为“{to}”",
    "workflow.not_editable": "“{state}”状态下{role}不能修改答案",
    "renovation.open_not_allowed": "{role}不能登记无障碍改造需求，请由专职委员登记",
    "renovation.person_not_in_household": "残疾人{name}不属于该户",
    "renovation.case_exists": "该户{year}年已有无障碍改造个案",
    "renovation.grade_not_severe": "残疾等级为{grade}，不是一级或二级（重度）",
    "renovation.not_poor": "该户不是低保、低保边缘或特困供养家庭",
    "renovation.house_not_adaptable": "住房不宜改造（非自有且产权人不同意，或为危房）",
    "renovation.house_adaptable": "“住房可否改造”应填是或否",
    "renovation.priority_multi_disabled": "优先对象：一户多残",
    "renovation.priority_elderly_carer": "优先对象：以老养残",
    "renovation.acknowledge_required": "有{count}条资格提示，继续办理须填写确认理由",
    "renovation.plan_empty": "改造方案中没有任何项目",
    "renovation.item_unknown": "改造项目目录中没有代码 {code}",
    "renovation.item_duplicate": "改造项目 {code} 重复列出，请合并数量",
    "renovation.quantity": "改造项目 {code} 的数量必须大于0：{quantity}",
    "renovation.price_negative": "改造项目 {code} 的单价（分）应为不小于0的整数：{price}",
    "renovation.over_cap": "方案总价{total}元超过每户上限{cap}元，须填写超限理由",
    "renovation.devices_only": "方案只有辅具、没有施工改造项目，须填写理由",
    "renovation.approval_reason": "方案超出上限或只有辅具，审批通过须填写理由",
    "renovation.needs_data": "“{to}”须通过录入评估、方案、验收或结算完成，不能直接改状态",
    "renovation.acceptance_missing": "验收缺少项目 {code} 的结果",
    "renovation.acceptance_result": "项目 {code} 的验收结果应为已完成、部分完成或未完成：{result}",
    "renovation.not_in_plan": "改造方案中没有项目 {code}",
    "renovation.satisfaction": "满意度无效：{value}（应为1满意、2基本满意、3不满意）",
    "renovation.satisfaction_reason": "户主不满意时须填写原因",
    "renovation.cost_missing": "结算缺少项目 {code} 的实际费用",
    "renovation.cost_invalid": "项目 {code} 的实际费用（分）应为不小于0的整数：{cost}",
    "renovation.settlement_over_cap": "结算总额{total}元超过每户上限{cap}元，须填写理由",
    # Monthly verification tasks (app/domain/tasks.py, app/services/tasks.py).
    "task.outcome_required": "请选择核实结果（属实、不属实或已更正）",
    "task.method_required": "请选择核实方式（入户、电话、村委会或邻居）",
    "task.date_required": "请填写核实日期",
    "task.date_future": "核实日期不能晚于今天：{day}",
    "task.reason_required": "核实结果为“不属实”时必须填写理由",
    "task.disputed_changes": "核实结果为“不属实”时不能变更登记信息或补贴",
    "task.bad_consequence": "核实后的处理有误，请重新确认",
    "task.no_change": "请至少填写一条变动（类型和日期）",
    "task.member_source": "专职委员报告的变动，来源只能是“专职委员”",
    "task.not_editable": "核对任务“{state}”时不能修改核实结果",
    "task.household_required": "已更正为迁居时请选择新的户",
    "task.address_required": "迁到新户时请填写新住址",
    "task.blocked_consequence": "这项处理不能执行：{why}",
    # --- end of workflow and renovation messages --------------------------------------
    # --- Sync (sync/server): why the server refused a laptop's change --------------------
    "sync.entity_unknown": "服务器不认识这类记录：{entity}",
    "sync.server_managed": "{entity}只能由管理员在服务器上修改",
    "sync.out_of_scope": "这条记录不在您负责的区域内（{area}），服务器未接受修改",
    "sync.parent_unknown": "服务器上没有这条记录所属的记录（{entity} {id}）",
    "sync.bad_value": "字段{field}的值无效：{value}",
    "sync.out_of_range": "{what}应在{low}到{high}之间，收到的是{value}",
    "sync.integrity": "服务器拒绝了这项修改：与已有数据冲突（{constraint}）",
    "sync.append_only": "工作日志只能新增，不能修改或删除",
    "sync.form_unknown": "服务器上没有这个表单版本：{form} {version}",
    "sync.blob_missing": "附件内容还没有上传到服务器：{sha}",
    # --- end of sync messages -----------------------------------------------------------
    # --- Prints (app/services/prints.py) --------------------------------------------------
    "print.nothing": "没有可打印的内容：{what}",
    "print.unknown_paper": "没有这种个案文书：{paper}（可打印评估表、改造方案、验收表）",
    # --- end of print messages ----------------------------------------------------------
}


#: the Chinese names of the record fields an issue's `field` parameter may name (a use case
#: names the field by its key; the member reads its name)
FIELD_NAMES: dict[str, str] = {
    "name": "姓名",
    "id_number": "身份证号",
    "cert_number": "残疾人证号",
    "category": "残疾类别",
    "grade": "残疾等级",
    "relation": "与户主关系",
    "sex": "性别",
    "birth_date": "出生日期",
    "card_issued": "发证日期",
    "area_code": "所在村/社区",
    "household_id": "户",
    "person_id": "残疾人",
    "address": "现居住地址",
}


class _KeepMissing(dict[str, str | int]):
    """Parameters for str.format_map that leave an absent placeholder visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message_for(issue: Issue) -> str:
    """Return the Chinese message of `issue`, or its code when no template is known."""
    template = MESSAGES.get(issue.code)
    if template is None:
        return issue.code
    params = dict(issue.params)
    field = params.get("field")
    if isinstance(field, str) and field in FIELD_NAMES:
        params["field"] = FIELD_NAMES[field]
    return template.format_map(_KeepMissing(params))
