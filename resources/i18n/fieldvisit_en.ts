<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AcceptanceDialog</name>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="195"/>
        <source>验收</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="203"/>
        <source>%s 的验收结果</source>
        <translation>Acceptance result of %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="213"/>
        <location filename="../../ui/pages/case_plan.py" line="215"/>
        <source>原因或说明</source>
        <translation>Reason or note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="214"/>
        <source>户主满意度(&amp;M)：</source>
        <translation>&amp;Household satisfaction:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="214"/>
        <source>户主满意度</source>
        <translation>Household satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="215"/>
        <source>原因或说明(&amp;R)：</source>
        <translation>&amp;Reason or note:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="216"/>
        <source>不满意时必填</source>
        <translation>Required if not satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="227"/>
        <source>未完成的项目：%s。保存后个案转入“整改中”。</source>
        <translation>Unfinished items: %s. Saving moves the case to rectification.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="227"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="194"/>
        <source>逐项填写验收结果和户主满意度。有未完成的项目时，个案转入整改。</source>
        <translation>Enter each item&apos;s result and the household&apos;s satisfaction. If any item is unfinished, the case goes to rectification.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="34"/>
        <source>已完成</source>
        <extracomment>the labels of rules.ACCEPTANCE_RESULTS and rules.SATISFACTION, marked here for lupdate: AcceptanceDialog.tr translates them when shown (and case_detail in the acceptance table)</extracomment>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="35"/>
        <source>部分完成</source>
        <translation>Partly done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="36"/>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="37"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="38"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="39"/>
        <source>不满意</source>
        <translation>Not satisfied</translation>
    </message>
</context>
<context>
    <name>AdminAudit</name>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="36"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="37"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="38"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="39"/>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="40"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="46"/>
        <source>登录</source>
        <extracomment>every action the server audits, in words (tests/ui/test_admin_tabs.py reads the server&apos;s source for the actions it records: a new one fails until it has words here)</extracomment>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="47"/>
        <source>登录失败</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="48"/>
        <source>已停用的账号试图登录</source>
        <translation>Sign-in by a disabled user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="49"/>
        <source>已注销的设备试图登录</source>
        <translation>Sign-in from a revoked device</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="50"/>
        <source>上传数据</source>
        <translation>Data sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="51"/>
        <source>上传照片或附件</source>
        <translation>Photo or attachment sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="52"/>
        <source>处理同步冲突</source>
        <translation>Sync conflict resolved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="53"/>
        <source>新增用户</source>
        <translation>User added</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="54"/>
        <source>停用用户</source>
        <translation>User disabled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="55"/>
        <source>启用用户</source>
        <translation>User enabled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="56"/>
        <source>重置密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="57"/>
        <source>更改角色</source>
        <translation>Role changed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="58"/>
        <source>分配地区</source>
        <translation>Areas assigned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="59"/>
        <source>注销设备</source>
        <translation>Device revoked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="60"/>
        <source>导入花名册</source>
        <translation>Roster imported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="61"/>
        <source>导入变动名单</source>
        <translation>Change list imported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="62"/>
        <source>导出数据</source>
        <translation>Data exported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="63"/>
        <source>生成统计报表</source>
        <translation>Report made</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="64"/>
        <source>发布表单</source>
        <translation>Form published</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="65"/>
        <source>发布设置</source>
        <translation>Settings published</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="66"/>
        <source>抽取收入监测样本</source>
        <translation>Income sample drawn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="67"/>
        <source>按名单设定样本</source>
        <translation>Sample set from a list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="68"/>
        <source>样本加入一户</source>
        <translation>Household added to the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="69"/>
        <source>样本移出一户</source>
        <translation>Household removed from the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="70"/>
        <source>初始化服务器</source>
        <translation>Server set up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="71"/>
        <source>建立演示数据</source>
        <translation>Demo data made</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="75"/>
        <source>用户名</source>
        <extracomment>the words of the detail&apos;s usual keys (others are shown as they are)</extracomment>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="76"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="77"/>
        <source>原来</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="78"/>
        <location filename="../../ui/pages/admin_audit.py" line="79"/>
        <source>地区</source>
        <translation>Areas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="80"/>
        <source>加入</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="81"/>
        <source>移出</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="82"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="83"/>
        <source>设备</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="84"/>
        <source>设备的用户</source>
        <translation>Device&apos;s user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="85"/>
        <source>电脑编号</source>
        <translation>Computer ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="86"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="87"/>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="88"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="89"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="90"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="91"/>
        <source>种子</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="92"/>
        <source>可抽户数</source>
        <translation>Eligible households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="93"/>
        <location filename="../../ui/pages/admin_audit.py" line="94"/>
        <source>户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="95"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="96"/>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="97"/>
        <source>修改</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="98"/>
        <source>已接受</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="99"/>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="100"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="101"/>
        <source>拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="102"/>
        <source>待重试</source>
        <translation>To retry</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="103"/>
        <source>处理方式</source>
        <translation>Resolved by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="104"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="105"/>
        <source>调查年度</source>
        <translation>Survey year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="106"/>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="107"/>
        <source>含完整证件号</source>
        <translation>Full ID numbers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="108"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="109"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="110"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="111"/>
        <source>页数</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="112"/>
        <source>新任务</source>
        <translation>New tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="113"/>
        <source>已有任务新增</source>
        <translation>Added to existing tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="114"/>
        <source>新增行</source>
        <translation>Rows added</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="115"/>
        <source>大小（KB）</source>
        <translation>Size (KB)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="117"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="117"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="120"/>
        <source>用本机的值</source>
        <extracomment>a resolved conflict&apos;s choice, as the sync page&apos;s buttons say it</extracomment>
        <translation>This laptop&apos;s value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="121"/>
        <source>用服务器的值</source>
        <translation>The server&apos;s value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="122"/>
        <source>改为其他值</source>
        <translation>Another value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="174"/>
        <source>全区</source>
        <translation>whole district</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="216"/>
        <source>按用户名筛选</source>
        <translation>Filter by username</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="218"/>
        <source>按人员筛选（身份证号或记录号）</source>
        <translation>Filter by person (ID number or record id)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="220"/>
        <source>按操作筛选</source>
        <translation>Filter by action</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="221"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="226"/>
        <source>开始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="228"/>
        <source>结束日期</source>
        <translation>To date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="284"/>
        <source>日期应写成 2026-11-03 这样：%s</source>
        <translation>Write the date like 2026-11-03: %s</translation>
    </message>
    <message>
        <source>如 user_add</source>
        <translation type="vanished">e.g. user_add</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="230"/>
        <source>如 2026-11-03</source>
        <translation>e.g. 2026-11-03</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="234"/>
        <source>查询(&amp;Q)</source>
        <translation>&amp;Query</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="238"/>
        <source>用户(&amp;E)：</source>
        <translation>Us&amp;er:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="239"/>
        <source>人员(&amp;R)：</source>
        <translation>Pe&amp;rson:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="240"/>
        <source>操作(&amp;O)：</source>
        <translation>Acti&amp;on:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="241"/>
        <source>从(&amp;S)：</source>
        <translation>&amp;Since:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="242"/>
        <source>到(&amp;T)：</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="252"/>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="254"/>
        <source>上一页(&amp;K)</source>
        <translation>Bac&amp;k</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="256"/>
        <source>下一页(&amp;J)</source>
        <translation>Next (&amp;J)</translation>
    </message>
    <message>
        <source>日期应写成 2026-11-03 这样</source>
        <translation type="vanished">Write dates like 2026-11-03</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="310"/>
        <source>正在读取日志……</source>
        <translation>Reading the log…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_audit.py" line="335"/>
        <source>第 %s–%s 条，共 %s 条</source>
        <translation>Rows %s–%s of %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/admin_audit.py" line="340"/>
        <source>共 %n 条日志</source>
        <translation>
            <numerusform>%n log row</numerusform>
            <numerusform>%n log rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AdminDevices</name>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="30"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="31"/>
        <source>设备名称</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="32"/>
        <source>登录时间</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="33"/>
        <source>上次同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="34"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="50"/>
        <source>设备列表</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="51"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="54"/>
        <source>注销原因</source>
        <translation>Reason for revoking</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="56"/>
        <source>注销原因(&amp;Y)：</source>
        <translation>Reason (&amp;Y):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="58"/>
        <source>注销此设备(&amp;K)…</source>
        <translation>Revo&amp;ke this device…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="83"/>
        <source>已注销（%s，%s）</source>
        <translation>Revoked (%s, %s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="107"/>
        <source>这台设备已经注销</source>
        <translation>This device is already revoked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="111"/>
        <source>注销设备</source>
        <translation>Revoke the device</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="112"/>
        <source>注销 %s 的设备“%s”？这台电脑下次联网时将被拒绝，本机数据被锁定。</source>
        <translation>Revoke the device of %s called “%s”? The laptop is refused at its next contact and its data is locked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="131"/>
        <source>已注销 %s 的设备“%s”</source>
        <translation>The device of %s called “%s” is revoked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="135"/>
        <source>正在注销设备……</source>
        <translation>Revoking the device…</translation>
    </message>
    <message>
        <source>停用原因</source>
        <translation type="vanished">Reason for revoking</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="55"/>
        <source>例如：电脑丢失</source>
        <translation>e.g. laptop lost</translation>
    </message>
    <message>
        <source>停用原因(&amp;Y)：</source>
        <translation type="vanished">Reason (&amp;Y):</translation>
    </message>
    <message>
        <source>停用此设备(&amp;K)…</source>
        <translation type="vanished">Revo&amp;ke this device…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="73"/>
        <source>正在读取设备……</source>
        <extracomment>the confirmation asked before a revocation (kept for tests and screen readers)</extracomment>
        <translation>Reading the devices…</translation>
    </message>
    <message>
        <source>已停用（%s，%s）</source>
        <translation type="vanished">Revoked (%s, %s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="85"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="87"/>
        <source>从未同步</source>
        <translation>Never synced</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/admin_devices.py" line="93"/>
        <source>共 %n 台设备</source>
        <translation>
            <numerusform>%n device</numerusform>
            <numerusform>%n devices</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_devices.py" line="104"/>
        <source>请先在设备列表中选择一台设备</source>
        <translation>Choose a device in the list first</translation>
    </message>
    <message>
        <source>这台设备已经停用</source>
        <translation type="vanished">This device is already revoked</translation>
    </message>
    <message>
        <source>停用设备</source>
        <translation type="vanished">Revoke the device</translation>
    </message>
    <message>
        <source>停用 %s 的设备“%s”？这台电脑下次联网时将被拒绝，本机数据被锁定。</source>
        <translation type="vanished">Revoke the device of %s called “%s”? The laptop is refused at its next contact and its data is locked.</translation>
    </message>
    <message>
        <source>已停用 %s 的设备“%s”</source>
        <translation type="vanished">The device of %s called “%s” is revoked</translation>
    </message>
    <message>
        <source>正在停用设备……</source>
        <translation type="vanished">Revoking the device…</translation>
    </message>
</context>
<context>
    <name>AdminImports</name>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="38"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="39"/>
        <source>月度变动名单</source>
        <translation>Monthly change list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="42"/>
        <source>行号</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="43"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="44"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="45"/>
        <source>该行内容</source>
        <translation>Row content</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="49"/>
        <source>身份证号无效</source>
        <extracomment>why a row was refused, by the server&apos;s code (sync/server/roster.py and changes.py)</extracomment>
        <translation>Invalid ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="50"/>
        <source>区划不存在</source>
        <translation>Unknown area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="51"/>
        <source>残疾人证号不符</source>
        <translation>Certificate number does not match</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="52"/>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="53"/>
        <source>缺少必填项</source>
        <translation>Required value missing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="54"/>
        <source>内容无效</source>
        <translation>Invalid value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="55"/>
        <source>身份证号有误</source>
        <translation>Wrong ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="56"/>
        <source>未登记</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="57"/>
        <source>不在本区在册人员中</source>
        <translation>Not among the district&apos;s registered persons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="58"/>
        <source>变动类型不明</source>
        <translation>Unknown kind of change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="59"/>
        <source>来源不明</source>
        <translation>Unknown source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="60"/>
        <source>日期有误</source>
        <translation>Wrong date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="61"/>
        <source>任务已核结</source>
        <translation>Task already closed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="66"/>
        <source>户编号</source>
        <extracomment>the columns of a refused row, by the server&apos;s field names (sync/server/roster_sheet.py and changes_sheet.py COLUMN_NAMES): the sheet&apos;s own headings, not the program&apos;s names</extracomment>
        <translation>Household number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="67"/>
        <source>村（社区）代码</source>
        <translation>Village (community) code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="68"/>
        <source>现居住地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="69"/>
        <source>户口性质</source>
        <translation>Hukou type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="70"/>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="71"/>
        <source>户主身份证号</source>
        <translation>Head&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="72"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="73"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="74"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="75"/>
        <source>与户主关系</source>
        <translation>Relation to the head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="76"/>
        <source>残疾人证号</source>
        <translation>Disability certificate number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="77"/>
        <source>残疾类别</source>
        <translation>Disability category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="78"/>
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="79"/>
        <source>变动类型</source>
        <translation>Kind of change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="80"/>
        <source>变动日期</source>
        <translation>Date of change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="81"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="82"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="83"/>
        <source>死亡日期</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="84"/>
        <source>迁出日期</source>
        <translation>Date moved out</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="85"/>
        <source>迁入日期</source>
        <translation>Date moved in</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="86"/>
        <source>火化日期</source>
        <translation>Date of cremation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="101"/>
        <source>导入什么</source>
        <translation>What to import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="104"/>
        <source>要导入的文件</source>
        <translation>File to import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="105"/>
        <source>.xlsx 或 .csv 文件</source>
        <translation>.xlsx or .csv file</translation>
    </message>
    <message>
        <source>选择文件(&amp;B)…</source>
        <translation type="vanished">&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="106"/>
        <source>选择文件(&amp;E)…</source>
        <translation>Choos&amp;e a file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="109"/>
        <source>变动名单的月份</source>
        <translation>Month of the change list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="110"/>
        <source>如 2026-11</source>
        <translation>e.g. 2026-11</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="112"/>
        <source>按表中“来源”列</source>
        <translation>From the sheet&apos;s “source” column</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="115"/>
        <source>变动名单的来源</source>
        <translation>Source of the change list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="116"/>
        <source>有一行被拒收就整个文件都不导入(&amp;T)</source>
        <translation>Impor&amp;t nothing if any row is refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="117"/>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="121"/>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="125"/>
        <source>拒收的行</source>
        <translation>Refused rows</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="127"/>
        <source>拒收报告另存为(&amp;A)…</source>
        <translation>S&amp;ave the refusal report as…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="135"/>
        <source>月份(&amp;M)：</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="136"/>
        <source>来源(&amp;O)：</source>
        <translation>S&amp;ource:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="137"/>
        <source>导入(&amp;N)：</source>
        <translation>Import (&amp;N):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="138"/>
        <source>文件(&amp;L)：</source>
        <translation>Fi&amp;le:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="157"/>
        <source>拒收的行：</source>
        <translation>Refused rows:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="172"/>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="172"/>
        <location filename="../../ui/pages/admin_imports.py" line="244"/>
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Sheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="180"/>
        <source>请先选择要导入的文件</source>
        <translation>Choose the file to import first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="184"/>
        <source>只能导入 .xlsx 或 .csv 文件：%s</source>
        <translation>Only .xlsx or .csv files can be imported: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="187"/>
        <source>找不到文件：%s</source>
        <translation>File not found: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="198"/>
        <source>月份应写成 2026-11 这样：%s</source>
        <translation>Write the month like 2026-11: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="206"/>
        <source>正在导入 %s……</source>
        <translation>Importing %s…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="210"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="210"/>
        <source>未导入（严格模式下有被拒收的行）</source>
        <translation>Not imported (rows were refused and nothing is imported then)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/admin_imports.py" line="215"/>
        <source>导入完成，拒收 %n 行</source>
        <translation>
            <numerusform>Imported; %n row refused</numerusform>
            <numerusform>Imported; %n rows refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/admin_imports.py" line="217"/>
        <source>文件未导入：拒收 %n 行</source>
        <translation>
            <numerusform>File not imported: %n row refused</numerusform>
            <numerusform>File not imported: %n rows refused</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="242"/>
        <source>拒收报告另存为</source>
        <translation>Save the refusal report as</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="243"/>
        <location filename="../../ui/pages/admin_imports.py" line="254"/>
        <source>拒收报告</source>
        <translation>Refusal report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="256"/>
        <source>拒收报告未保存：%s</source>
        <translation>The refusal report is not saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_imports.py" line="258"/>
        <source>拒收报告已保存：%s</source>
        <translation>The refusal report is saved: %s</translation>
    </message>
</context>
<context>
    <name>AdminLink</name>
    <message>
        <location filename="../../ui/pages/admin_link.py" line="52"/>
        <source>管理操作进度</source>
        <translation>Administration progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_link.py" line="62"/>
        <source>本机尚未连接服务器：管理功能需要连接服务器，现在不能使用</source>
        <translation>This computer has no server: administration needs the server and is not available now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_link.py" line="68"/>
        <source>本机尚未登录服务器：请先在“同步”页登录，管理功能现在不能使用</source>
        <translation>This computer is not signed in to the server: sign in on the Sync page first; administration is not available now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_link.py" line="126"/>
        <source>无法连接服务器，管理功能现在不能使用；请检查网络后再试</source>
        <translation>Cannot reach the server; administration is not available now. Check the network and try again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_link.py" line="129"/>
        <source>管理操作出错：%s</source>
        <translation>Administration failed: %s</translation>
    </message>
</context>
<context>
    <name>AdminNames</name>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="75"/>
        <source>%1 的“%2”</source>
        <extracomment>the digits of a whole area code (a shorter prefix is filled up with zeros) the households named in a line at most; more are counted</extracomment>
        <translation>%1&apos;s &quot;%2&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="79"/>
        <source>%1 的电脑</source>
        <translation>%1&apos;s computer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="91"/>
        <source>本机没有的一户</source>
        <translation>a household not on this laptop</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="93"/>
        <source>%1 户</source>
        <translation>household of %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="95"/>
        <source>户主未填的一户</source>
        <translation>a household without a head named</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="104"/>
        <source>%1 等 %2 户</source>
        <translation>%1 and others, %2 households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_names.py" line="122"/>
        <source>不在本区设备列表中的设备</source>
        <translation>a device not in the district&apos;s device list</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/pages/admin.py" line="24"/>
        <location filename="../../ui/pages/admin.py" line="32"/>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="40"/>
        <source>用户和地区(&amp;U)</source>
        <translation>&amp;Users and areas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="41"/>
        <source>设备(&amp;D)</source>
        <translation>&amp;Devices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="42"/>
        <source>导入(&amp;C)</source>
        <translation>Imports (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="43"/>
        <source>日志(&amp;G)</source>
        <translation>Lo&amp;g</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="44"/>
        <source>发布(&amp;B)</source>
        <translation>Pu&amp;blished</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin.py" line="45"/>
        <source>抽样(&amp;Z)</source>
        <translation>Sample (&amp;Z)</translation>
    </message>
</context>
<context>
    <name>AdminPublished</name>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="22"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="23"/>
        <location filename="../../ui/pages/admin_published.py" line="85"/>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="24"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="25"/>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="26"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="27"/>
        <source>发布时间</source>
        <translation>Published at</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="28"/>
        <source>发布人</source>
        <translation>Published by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="41"/>
        <source>已发布的表单和设置</source>
        <translation>Published forms and settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="43"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="45"/>
        <source>发布新版本(&amp;N)…</source>
        <translation>Publish a &amp;new version…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="47"/>
        <source>选择表单定义或设置文件（.yaml）发布；各笔记本下次同步时收到</source>
        <translation>Choose a form definition or settings file (.yaml) to publish; every laptop receives it at its next sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="74"/>
        <source>正在读取已发布的版本……</source>
        <extracomment>文件 → 发布表单或设置…&apos;s own action: the same checks, messages and worker</extracomment>
        <translation>Reading the published versions…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="85"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="87"/>
        <source>（程序内置）</source>
        <translation>(built into the program)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_published.py" line="94"/>
        <source>共 %1 个表单版本、%2 次设置发布</source>
        <translation>%1 form versions, %2 settings publications</translation>
    </message>
</context>
<context>
    <name>AdminSample</name>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="41"/>
        <source>乡镇（街道）</source>
        <translation>Town (subdistrict)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="42"/>
        <source>样本户数</source>
        <translation>Households in the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="43"/>
        <location filename="../../ui/pages/admin_sample.py" line="49"/>
        <source>怎样选出</source>
        <translation>How chosen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="46"/>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="47"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="48"/>
        <source>户口号</source>
        <translation>Hukou number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="50"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="78"/>
        <source>样本年份</source>
        <extracomment>the largest seed and size the server takes (sync/admin_protocol.py SampleDraw) a household as the server takes it (an id, 户口号 or 身份证号)</extracomment>
        <translation>Year of the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="88"/>
        <source>年份(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="90"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="94"/>
        <source>各乡镇的样本</source>
        <translation>The sample by town</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="97"/>
        <source>样本户</source>
        <translation>Households in the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="103"/>
        <source>抽取范围</source>
        <translation>Area to draw</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="113"/>
        <source>全区（%s）</source>
        <translation>Whole district (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="117"/>
        <source>抽取户数</source>
        <translation>Households to draw</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="118"/>
        <source>空着：按设置</source>
        <translation>Empty: as the settings say</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="120"/>
        <source>随机种子</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="121"/>
        <source>空着：随机</source>
        <translation>Empty: chosen at random</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="122"/>
        <source>抽取(&amp;X)…</source>
        <translation>Draw (&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="124"/>
        <source>从有在册持证残疾人的户中按乡镇比例随机抽取；种子记入样本和日志，可重现</source>
        <translation>Drawn at random from the households with an active certified member, in proportion by town; the seed is kept in the sample and the log, so the draw can be repeated</translation>
    </message>
    <message>
        <source>随机抽取</source>
        <extracomment>the confirmation asked before a draw (kept for tests and screen readers)</extracomment>
        <translation type="vanished">Random draw</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="148"/>
        <source>范围(&amp;A)：</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="149"/>
        <source>户数(&amp;S)：</source>
        <translation>&amp;Size:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="150"/>
        <source>种子(&amp;E)：</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="133"/>
        <source>户（户ID、户口号或户主身份证号）</source>
        <extracomment>the confirmation asked before a draw (kept for tests and screen readers)</extracomment>
        <translation>Household (household ID, hukou number or the head&apos;s ID number)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="134"/>
        <source>户ID、户口号或户主身份证号</source>
        <translation>Household ID, hukou number or the head&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="136"/>
        <source>加入或移出的原因</source>
        <translation>Reason for adding or removing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="137"/>
        <source>例如：全家外出务工，联系不上</source>
        <translation>e.g. the whole family works away and cannot be reached</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="139"/>
        <source>加入样本(&amp;J)</source>
        <translation>Add to the sample (&amp;J)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="141"/>
        <source>移出样本(&amp;K)</source>
        <translation>Remove from the sample (&amp;K)</translation>
    </message>
    <message>
        <source>加入或移出一户</source>
        <translation type="vanished">Add or remove one household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="145"/>
        <source>更改样本</source>
        <translation>Change the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="151"/>
        <source>户(&amp;H)：</source>
        <translation>&amp;Household:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="152"/>
        <source>原因(&amp;O)：</source>
        <translation>Reas&amp;on:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="201"/>
        <source>本机的设置中没有年份，无法查看样本</source>
        <translation>The settings on this laptop have no year: the sample cannot be shown</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="209"/>
        <source>正在读取样本……</source>
        <translation>Reading the sample…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="215"/>
        <source>随机抽取（种子 %s）</source>
        <translation>Random draw (seed %s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="217"/>
        <source>按名单 %s</source>
        <translation>From the list %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="218"/>
        <source>个别加入</source>
        <translation>Added one by one</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="241"/>
        <source>%1 %2 户</source>
        <translation>%1: %2 households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="246"/>
        <source>%1 年样本共 %2 户，分布在 %3 个乡镇（街道）</source>
        <translation>The %1 sample has %2 households in %3 towns</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="263"/>
        <source>请先选择年份和抽取范围</source>
        <translation>Choose the year and the area to draw first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="269"/>
        <source>户数应为 1 到 %s 之间的整数：%s</source>
        <translation>The number of households must be a whole number from 1 to %s: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="277"/>
        <source>种子应为 0 到 %s 之间的整数：%s</source>
        <translation>The seed must be a whole number from 0 to %s: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="284"/>
        <source>%1 户</source>
        <translation>%1 households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="284"/>
        <source>按设置的户数</source>
        <translation>the number of households the settings say</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="286"/>
        <source>为%1抽取 %2 年的样本（%3，种子 %4）？</source>
        <translation>Draw for %1 the sample of %2 (%3, seed %4)?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="290"/>
        <source>随机</source>
        <translation>random</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="293"/>
        <source>
该范围现有的 %1 户样本将被替换。</source>
        <translation>
The %1 households now in this area&apos;s sample will be replaced.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="296"/>
        <source>抽取样本</source>
        <translation>Draw the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="319"/>
        <source>已抽取 %1 户，种子 %2（已记入样本和日志，用同一种子可重现）</source>
        <translation>%1 households drawn, seed %2 (kept in the sample and the log; the same seed draws them again)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="324"/>
        <source>正在抽取……</source>
        <translation>Drawing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="334"/>
        <source>请填写户ID、户口号或户主身份证号，或在样本户中选择</source>
        <translation>Type a household ID, hukou number or the head&apos;s ID number, or choose a household in the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="339"/>
        <source>户的写法有误（只能是户ID、户口号或身份证号：字母、数字和 -）：%s</source>
        <translation>The household is written wrongly (only a household ID, hukou number or ID number: letters, digits and -): %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="344"/>
        <source>请写明加入或移出的原因</source>
        <translation>Write the reason for adding or removing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="354"/>
        <source>已将户 %s 加入样本</source>
        <translation>Household %s added to the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="354"/>
        <source>已将户 %s 移出样本</source>
        <translation>Household %s removed from the sample</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_sample.py" line="357"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>AdminUsers</name>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="41"/>
        <source>专职委员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="42"/>
        <source>审核员</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="43"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="46"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="47"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="48"/>
        <location filename="../../ui/pages/admin_users.py" line="152"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="49"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="50"/>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="51"/>
        <source>地区</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="135"/>
        <source>查找地区（名称或代码）</source>
        <translation>Search areas (name or code)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="136"/>
        <source>名称或代码</source>
        <translation>Name or code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="138"/>
        <source>查找地区(&amp;S)：</source>
        <translation>&amp;Search areas:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="141"/>
        <source>用户列表</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="143"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="145"/>
        <source>停用/启用(&amp;T)</source>
        <translation>Disable/enable (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="147"/>
        <source>重置密码(&amp;W)</source>
        <translation>Reset the pass&amp;word</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="153"/>
        <source>角色(&amp;O)：</source>
        <translation>R&amp;ole:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="155"/>
        <source>改为此角色(&amp;H)</source>
        <translation>C&amp;hange to this role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="157"/>
        <source>分配所选地区(&amp;A)</source>
        <translation>&amp;Assign the chosen areas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="158"/>
        <source>所选用户的地区改为地区树中选中的地区</source>
        <translation>The chosen user&apos;s areas become the areas chosen on the area tree</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="163"/>
        <source>新用户的用户名</source>
        <translation>New user&apos;s username</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="165"/>
        <source>新用户的姓名</source>
        <translation>New user&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="167"/>
        <source>新用户的电话</source>
        <translation>New user&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="171"/>
        <source>新用户的角色</source>
        <translation>New user&apos;s role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="172"/>
        <source>新增用户(&amp;N)</source>
        <translation>Add &amp;new user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="173"/>
        <source>新用户负责地区树中选中的地区</source>
        <translation>The new user works in the areas chosen on the area tree</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="176"/>
        <source>新增用户</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="179"/>
        <source>用户名(&amp;M)：</source>
        <translation>Userna&amp;me:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="180"/>
        <source>姓名(&amp;X)：</source>
        <translation>Name (&amp;X):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="181"/>
        <source>电话(&amp;E)：</source>
        <translation>Phon&amp;e:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="182"/>
        <source>角色(&amp;J)：</source>
        <translation>Role (&amp;J):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="196"/>
        <source>新密码（只显示这一次）</source>
        <translation>New password (shown only this once)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="197"/>
        <source>新密码（只显示这一次，请交给本人）(&amp;Y)：</source>
        <translation>New password (shown only this once; hand it to the user) (&amp;Y):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="257"/>
        <source>收起“新增用户”(&amp;I)</source>
        <translation>Fold &quot;New user&quot; (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="257"/>
        <source>新增用户…(&amp;I)</source>
        <translation>New user… (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="266"/>
        <source>正在读取用户……</source>
        <translation>Reading the users…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="275"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="275"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/admin_users.py" line="288"/>
        <source>共 %n 个用户</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="298"/>
        <source>请先在用户列表中选择一个用户</source>
        <translation>Choose a user in the list first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="327"/>
        <source>已启用 %s</source>
        <translation>%s is enabled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="327"/>
        <source>已停用 %s：其设备下次联网时被拒绝</source>
        <translation>%s is disabled: their devices are refused at their next contact</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="331"/>
        <location filename="../../ui/pages/admin_users.py" line="348"/>
        <location filename="../../ui/pages/admin_users.py" line="359"/>
        <location filename="../../ui/pages/admin_users.py" line="379"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="343"/>
        <source>已重置 %s 的密码，新密码只显示这一次</source>
        <translation>The password of %s is reset; the new password is shown only this once</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="358"/>
        <source>%s 的角色已改为%s</source>
        <translation>The role of %s is now %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="368"/>
        <source>请先在地区树中选择地区</source>
        <translation>Choose areas on the area tree first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="378"/>
        <source>%s 的地区已保存，下次同步时生效</source>
        <translation>The areas of %s are saved; they take effect at the next sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="385"/>
        <source>请填写新用户的用户名</source>
        <translation>Enter the new user&apos;s username</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="390"/>
        <source>用户名只能由英文字母、数字和 _ . - 组成，最长 64 个：%s</source>
        <translation>A username may only have letters, digits and _ . - (at most 64): %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="397"/>
        <source>请先在地区树中选择新用户负责的地区</source>
        <translation>Choose the new user&apos;s areas on the area tree first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="412"/>
        <location filename="../../ui/pages/admin_users.py" line="416"/>
        <source>已新增用户 %s，初始密码只显示这一次</source>
        <translation>User %s added; the first password is shown only this once</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="422"/>
        <source>正在新增用户……</source>
        <translation>Adding the user…</translation>
    </message>
</context>
<context>
    <name>AreaTree</name>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="69"/>
        <source>地区</source>
        <extracomment>a username as the server takes it (sync/admin_protocol.py) letters and digits that cannot be mistaken for each other when read out or copied</extracomment>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="69"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/admin_users.py" line="70"/>
        <source>地区树</source>
        <translation>Area tree</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="287"/>
        <source>入户评估</source>
        <translation>Home assessment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="288"/>
        <location filename="../../ui/pages/case_dialogs.py" line="305"/>
        <source>改造意愿</source>
        <translation>Wishes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="299"/>
        <source>可以改造（自有或产权人同意，非危房）</source>
        <translation>Can be adapted (owned or owner agrees, not unsafe)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="300"/>
        <source>不宜改造</source>
        <translation>Not suitable for adaptation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="286"/>
        <source>记录入户评估。住房不宜改造时，保存后须填写确认理由。</source>
        <translation>Record the home assessment. If the house is not suitable for adaptation, a reason to proceed is required after saving.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="279"/>
        <source>（未查看）</source>
        <extracomment>(code, label): the codes and labels of assessment.TOILETS, translated when shown</extracomment>
        <translation>(not checked)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="280"/>
        <source>蹲便</source>
        <translation>Squat toilet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="281"/>
        <source>坐便</source>
        <translation>Seated toilet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="282"/>
        <source>无独立厕所</source>
        <translation>No own toilet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="304"/>
        <source>改造意愿(&amp;1)：</source>
        <translation>Wishes (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="307"/>
        <source>户主和残疾人希望改造什么</source>
        <translation>What the household and the disabled person want adapted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="310"/>
        <source>功能需求(&amp;2)：</source>
        <translation>Functional needs (&amp;2):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="311"/>
        <source>功能需求</source>
        <translation>Functional needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="313"/>
        <source>如：轮椅进出、如厕、洗浴</source>
        <translation>E.g. wheelchair access, toileting, bathing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="316"/>
        <source>门宽（厘米）(&amp;3)：</source>
        <translation>Door width, cm (&amp;3):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="317"/>
        <source>门宽</source>
        <translation>Door width</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="319"/>
        <location filename="../../ui/pages/case_dialogs.py" line="325"/>
        <source>0 表示未测量</source>
        <translation>0 means not measured</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="322"/>
        <source>台阶高（厘米）(&amp;4)：</source>
        <translation>Step height, cm (&amp;4):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="323"/>
        <source>台阶高</source>
        <translation>Step height</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="328"/>
        <source>厕所类型(&amp;5)：</source>
        <translation>Toilet (&amp;5):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="329"/>
        <source>厕所类型</source>
        <translation>Toilet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="334"/>
        <source>其他测量(&amp;6)：</source>
        <translation>Other measurements (&amp;6):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="335"/>
        <source>其他测量</source>
        <translation>Other measurements</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="337"/>
        <source>各处需改造位置的尺寸</source>
        <translation>Sizes of each place to adapt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="340"/>
        <source>住房可否改造(&amp;7)：</source>
        <translation>House can be adapted (&amp;7):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="341"/>
        <source>住房可否改造</source>
        <translation>House can be adapted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="343"/>
        <source>不宜改造须填写确认理由</source>
        <translation>If not suitable, a reason to proceed is required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="355"/>
        <source>未测量</source>
        <translation>not measured</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../ui/forms/attachments.py" line="47"/>
        <source>无法读取文件：%s</source>
        <extracomment>called on the UI thread with the new attachment&apos;s id, or None and why it failed</extracomment>
        <translation>Cannot read the file: %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/attachments.py" line="50"/>
        <source>保存失败：%s</source>
        <translation>Saving failed: %s</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="94"/>
        <source>备份数据</source>
        <translation>Back up data</translation>
    </message>
    <message>
        <source>把本机的全部数据（记录、照片和密钥信息）备份成一个加密文件，存到您选择的文件夹，例如U盘。恢复时需要您的密码。</source>
        <translation type="vanished">Back up all of this laptop&apos;s data (records, photos and key information) into one encrypted file, in a folder you choose, such as a USB stick. Restoring it needs your password.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="100"/>
        <source>把本机的全部数据（记录、照片和密钥信息）备份成一个加密文件，存到您选择的文件夹，例如U盘。恢复时需要您的密码：在程序启动时的解锁界面选择“从备份恢复”。</source>
        <translation>Back up all of this laptop&apos;s data (records, photos and key information) into one encrypted file, in a folder you choose, such as a USB stick. Restoring it needs your password: choose “Restore from a backup” on the unlock screen when the program starts.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="107"/>
        <source>备份到的文件夹</source>
        <translation>Folder to back up to</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="108"/>
        <source>选择文件夹(&amp;B)…</source>
        <translation>&amp;Browse for folder…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="111"/>
        <source>文件夹(&amp;F)：</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="117"/>
        <source>开始备份(&amp;S)</source>
        <translation>&amp;Start backup</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="121"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="136"/>
        <source>选择备份到的文件夹</source>
        <translation>Choose the folder to back up to</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="147"/>
        <source>请先选择备份到的文件夹</source>
        <translation>Please choose the folder to back up to first</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="150"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="172"/>
        <source>备份完成：%1（%2 MB）</source>
        <translation>Backup finished: %1 (%2 MB)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="183"/>
        <source>备份没有完成：文件夹所在的磁盘或U盘空间不足。</source>
        <translation>The backup did not finish: the disk or USB stick of the folder is full.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="185"/>
        <source>备份没有完成：%s</source>
        <translation>The backup did not finish: %s</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="31"/>
        <source>审批通过(&amp;A)…</source>
        <extracomment>a step as the page shows it: (button text, accessible name, description, what it runs) a step&apos;s texts, untranslated: (button text with mnemonic, its name, what it does) target -&gt; its texts</extracomment>
        <translation>&amp;Approve…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="32"/>
        <source>审批通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="33"/>
        <source>批准改造方案；超限或只有辅具时须填写理由</source>
        <translation>Approve the renovation plan; a reason is required if it exceeds the cap or has assistive devices only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="36"/>
        <source>公示(&amp;G)…</source>
        <translation>P&amp;ost public notice…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="37"/>
        <source>公示</source>
        <translation>Post public notice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="38"/>
        <source>记录方案公示的起止日期和地点</source>
        <translation>Record the dates and place of the plan&apos;s public notice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="41"/>
        <source>开始施工(&amp;C)…</source>
        <translation>Start &amp;construction…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="42"/>
        <source>开始施工</source>
        <translation>Start construction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="43"/>
        <source>记录施工单位和开工、计划完工日期</source>
        <translation>Record the contractor, the start date and the planned end date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="46"/>
        <source>验收(&amp;Y)…</source>
        <translation>Acceptance in&amp;spection…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="48"/>
        <source>逐项记录验收结果和户主满意度；有未完成项目时转入整改</source>
        <translation>Record each item&apos;s result and the household&apos;s satisfaction; unfinished items send the case to rectification</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="51"/>
        <source>结算(&amp;J)…</source>
        <translation>Sett&amp;le costs…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="52"/>
        <source>结算</source>
        <translation>Settle costs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="53"/>
        <source>记录每个项目的实际费用</source>
        <translation>Record the actual cost of each item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="56"/>
        <source>回访(&amp;U)…</source>
        <translation>Follow-&amp;up visit…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="57"/>
        <source>回访</source>
        <translation>Follow-up visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="58"/>
        <source>记录改造设施的使用和完好情况</source>
        <translation>Record whether the renovated facilities are in use and intact</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="61"/>
        <source>撤销个案(&amp;W)…</source>
        <translation>&amp;Withdraw case…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="62"/>
        <source>撤销个案</source>
        <translation>Withdraw case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="63"/>
        <source>撤销本个案，须填写理由</source>
        <translation>Withdraw this case; a reason is required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="68"/>
        <source>退回重新评估(&amp;K)…</source>
        <extracomment>the texts of the moves that also depend on the case&apos;s state (see action_text)</extracomment>
        <translation>Send bac&amp;k for reassessment…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="69"/>
        <source>退回重新评估</source>
        <translation>Send back for reassessment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="70"/>
        <source>把方案退回专职委员重新评估，须填写理由</source>
        <translation>Send the plan back to the committee member for reassessment; a reason is required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="73"/>
        <source>重新评估(&amp;E)…</source>
        <translation>R&amp;eassess…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="74"/>
        <source>重新评估</source>
        <translation>Reassess</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="75"/>
        <source>重新录入入户评估</source>
        <translation>Enter the home assessment again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="78"/>
        <source>录入评估(&amp;E)…</source>
        <translation>&amp;Enter assessment…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="79"/>
        <source>录入评估</source>
        <translation>Enter assessment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="80"/>
        <source>录入入户评估：改造意愿、测量、住房可否改造</source>
        <translation>Enter the home assessment: wishes, measurements, whether the house can be adapted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="83"/>
        <source>修改方案(&amp;N)…</source>
        <translation>Edit pla&amp;n…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="84"/>
        <source>修改方案</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="85"/>
        <source>修改改造项目和数量</source>
        <translation>Change the renovation items and quantities</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="88"/>
        <source>拟定方案(&amp;N)…</source>
        <translation>Draft pla&amp;n…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="89"/>
        <source>拟定方案</source>
        <translation>Draft plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="90"/>
        <source>从项目目录选择改造项目和数量</source>
        <translation>Choose renovation items and quantities from the catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="93"/>
        <source>整改完成(&amp;D)…</source>
        <translation>Rectification co&amp;mplete…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="94"/>
        <source>整改完成</source>
        <translation>Rectification complete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="95"/>
        <source>记录整改完成</source>
        <translation>Record that rectification is complete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="98"/>
        <source>完工(&amp;D)…</source>
        <translation>Co&amp;mplete works…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="99"/>
        <source>完工</source>
        <translation>Complete works</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="100"/>
        <source>记录完工日期</source>
        <translation>Record the completion date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="103"/>
        <source>添加照片(&amp;T)…</source>
        <translation>Add pho&amp;tos…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="104"/>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="105"/>
        <source>按改造项目添加改造前或改造后的照片</source>
        <translation>Add before or after photos for a renovation item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="47"/>
        <location filename="../../ui/pages/case_actions.py" line="190"/>
        <source>验收</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="203"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="205"/>
        <source>本方案超过上限或只有辅具（理由：%s），审批通过须填写理由。</source>
        <translation> This plan exceeds the cap or has assistive devices only (reason: %s); approving it requires a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="224"/>
        <source>全屋</source>
        <translation>Whole home</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_actions.py" line="230"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="38"/>
        <source>改造意愿</source>
        <extracomment>the labels of the keys the dialogs record (assessment and move details), translated by `describe`</extracomment>
        <translation>Wishes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="39"/>
        <source>功能需求</source>
        <translation>Functional needs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="40"/>
        <source>门宽（厘米）</source>
        <translation>Door width (cm)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="41"/>
        <source>台阶高（厘米）</source>
        <translation>Step height (cm)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="42"/>
        <source>厕所类型</source>
        <translation>Toilet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="43"/>
        <source>其他测量</source>
        <translation>Other measurements</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="44"/>
        <source>住房可否改造</source>
        <translation>House can be adapted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="45"/>
        <source>施工单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="46"/>
        <source>开工日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="47"/>
        <source>计划完工日期</source>
        <translation>Planned end date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="48"/>
        <source>完工日期</source>
        <translation>Completion date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="49"/>
        <source>公示开始</source>
        <translation>Notice from</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="50"/>
        <source>公示结束</source>
        <translation>Notice until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="51"/>
        <source>公示地点</source>
        <translation>Notice place</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="52"/>
        <source>回访情况</source>
        <translation>Follow-up findings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="53"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="57"/>
        <source>施工改造</source>
        <extracomment>the kinds of plan items (translated by `plan_rows`)</extracomment>
        <translation>Construction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="58"/>
        <source>辅具</source>
        <translation>Assistive device</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="70"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="119"/>
        <source>未登记</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="178"/>
        <source>（新建）</source>
        <translation>(new)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="222"/>
        <source>全屋</source>
        <translation>Whole home</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="236"/>
        <location filename="../../ui/pages/case_detail.py" line="279"/>
        <source>%s：%s</source>
        <translation>%s: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="244"/>
        <source>第%s次</source>
        <translation>Round %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="272"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="273"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="290"/>
        <source>入户评估</source>
        <translation>Home assessment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="309"/>
        <source>%s %s元</source>
        <translation>%s %s yuan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="314"/>
        <source>实际费用：%s。合计 %s 元（方案预算 %s 元，上限 %s 元）。</source>
        <translation>Actual costs: %s. Total %s yuan (plan budget %s yuan, cap %s yuan).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="325"/>
        <source>登记时的确认理由：%s</source>
        <translation>Reason given at registration: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="326"/>
        <source>评估时的确认理由：%s</source>
        <translation>Reason given at assessment: %s</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>状态提示</source>
        <translation type="vanished">Status message</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="114"/>
        <source>返回个案列表(&amp;B)</source>
        <translation>&amp;Back to cases</translation>
    </message>
    <message>
        <source>返回个案列表</source>
        <translation type="vanished">Back to cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="116"/>
        <source>户详情(&amp;H)</source>
        <translation>&amp;Household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="117"/>
        <source>打开本户的户详情</source>
        <translation>Open this household&apos;s details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="129"/>
        <source>状态变动记录</source>
        <translation>Status history</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="131"/>
        <source>评估、施工与回访记录</source>
        <translation>Assessment, construction and follow-up log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="133"/>
        <source>改造方案</source>
        <translation>Renovation plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="139"/>
        <source>验收记录</source>
        <translation>Acceptance records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="205"/>
        <source>没有这个个案</source>
        <translation>No such case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="211"/>
        <source>户主 %s · %s %s · %d年度无障碍改造</source>
        <translation>Household of %s · %s %s · accessibility renovation %d</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="214"/>
        <source>%s级</source>
        <translation>grade %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="214"/>
        <source>等级未登记</source>
        <translation>grade not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="216"/>
        <source>改造对象：%s（%s，%s）；地址：%s</source>
        <translation>For: %s (%s, %s); address: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="219"/>
        <source>当前状态：%s</source>
        <translation>Current status: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="221"/>
        <source>资格提示：</source>
        <translation>Eligibility notes: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="221"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="240"/>
        <source>还没有改造方案。每户上限 %s 元。</source>
        <translation>No renovation plan yet. Cap per household: %s yuan.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="245"/>
        <source>方案合计 %s 元，每户上限 %s 元。</source>
        <translation>Plan total %s yuan; cap per household %s yuan.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="248"/>
        <source>超过上限 %s 元</source>
        <translation>%s yuan over the cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="250"/>
        <source>；超限理由：%s</source>
        <translation>; reason for exceeding: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="270"/>
        <source>您现在没有可以办理的步骤。</source>
        <translation>There is no step you can take now.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="308"/>
        <source>已保存：%s</source>
        <translation>Saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="43"/>
        <location filename="../../ui/pages/case.py" line="52"/>
        <location filename="../../ui/pages/case.py" line="67"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="44"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="45"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="46"/>
        <source>办理人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="47"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="48"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="51"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="53"/>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="54"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="57"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="58"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="59"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="60"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="61"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="62"/>
        <source>单价（元）</source>
        <translation>Unit price (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="63"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="66"/>
        <source>轮次</source>
        <translation>Round</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="68"/>
        <source>验收人</source>
        <translation>Inspected by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="69"/>
        <source>各项结果</source>
        <translation>Item results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="70"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="71"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="72"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="93"/>
        <source>无障碍改造个案</source>
        <translation>Accessibility renovation case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="159"/>
        <source>状态变动记录(&amp;I)</source>
        <translation>Status h&amp;istory</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="160"/>
        <source>评估、施工与回访记录(&amp;X)</source>
        <translation>Assessment, construction and follow-up lo&amp;g</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="162"/>
        <source>改造方案(&amp;M)</source>
        <translation>Renovation plan (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="166"/>
        <source>改造前后照片</source>
        <translation>Photos before and after</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case.py" line="168"/>
        <source>验收记录(&amp;Q)</source>
        <translation>Acceptance recor&amp;ds</translation>
    </message>
</context>
<context>
    <name>CasesModel</name>
    <message>
        <location filename="../../ui/pages/cases.py" line="55"/>
        <source>状态</source>
        <extracomment>the board&apos;s columns (translated by CasesModel.tr)</extracomment>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="56"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="57"/>
        <source>村/社区</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="58"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="59"/>
        <source>残疾人</source>
        <translation>Disabled person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="60"/>
        <source>预算（元）</source>
        <translation>Budget (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="61"/>
        <source>上限（元）</source>
        <translation>Cap (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="62"/>
        <source>最近变动</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="84"/>
        <source>（超上限）</source>
        <translation> (over the cap)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="190"/>
        <source>%s：%s</source>
        <translation>%s: %s</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>个案概况</source>
        <translation type="vanished">Case summary</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="217"/>
        <source>按村/社区筛选</source>
        <translation>Filter by village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="219"/>
        <source>按年度筛选</source>
        <translation>Filter by year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="220"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="vanished">Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="225"/>
        <source>按状态筛选：各状态的个案数</source>
        <translation>Filter by status: cases in each status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="230"/>
        <source>个案</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="231"/>
        <source>回车或双击打开个案</source>
        <translation>Press Enter or double-click to open a case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="240"/>
        <source>打开个案(&amp;O)</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="241"/>
        <source>打开所选个案</source>
        <translation>Open the selected case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="301"/>
        <source>全部村/社区</source>
        <translation>All villages/communities</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="303"/>
        <source>%d年</source>
        <translation>%d</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="302"/>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="337"/>
        <source>共 %d 个个案，其中进行中 %d 个；列表显示 %d 个。</source>
        <translation>%d cases, %d in progress; %d shown in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="249"/>
        <source>村/社区(&amp;C)：</source>
        <translation>Village/&amp;community:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="210"/>
        <source>无障碍改造</source>
        <translation>Accessibility renovation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="250"/>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="260"/>
        <source>状态(&amp;S)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="261"/>
        <source>个案(&amp;L)</source>
        <translation>Case &amp;list</translation>
    </message>
</context>
<context>
    <name>CellDelegate</name>
    <message>
        <location filename="../../ui/forms/table.py" line="63"/>
        <source>第%d行 %s</source>
        <translation>Row %d, %s</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="72"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="73"/>
        <source>被拒绝的修改</source>
        <translation>Refused changes</translation>
    </message>
    <message>
        <source>冲突处理结果</source>
        <translation type="vanished">Conflict resolution result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="93"/>
        <source>冲突（本机和服务器都改了同一项）：</source>
        <translation>Conflicts (changed both on this computer and on the server):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="96"/>
        <source>服务器拒绝的修改（不影响其他修改）：</source>
        <translation>Changes the server refused (other changes are not affected):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="122"/>
        <source>请先选中一项冲突</source>
        <translation>Select a conflict first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="127"/>
        <source>改为其他值</source>
        <translation>Enter another value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="127"/>
        <source>%s 的新值：</source>
        <translation>New value of %s:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="138"/>
        <source>已处理，下次同步时发送</source>
        <translation>Resolved; it will be sent at the next sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="146"/>
        <source>将在下次同步时重新发送</source>
        <translation>It will be sent again at the next sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_conflicts.py" line="153"/>
        <source>已放弃这项修改</source>
        <translation>This change was discarded</translation>
    </message>
    <message>
        <source>用本机的值(&amp;M)</source>
        <translation type="vanished">&amp;Keep this computer&apos;s value</translation>
    </message>
    <message>
        <source>用本机的值</source>
        <translation type="vanished">Keep this computer&apos;s value</translation>
    </message>
    <message>
        <source>用服务器的值(&amp;T)</source>
        <translation type="vanished">&amp;Take the server&apos;s value</translation>
    </message>
    <message>
        <source>用服务器的值</source>
        <translation type="vanished">Take the server&apos;s value</translation>
    </message>
    <message>
        <source>改为其他值(&amp;E)…</source>
        <translation type="vanished">&amp;Enter another value…</translation>
    </message>
    <message>
        <source>重新发送(&amp;R)</source>
        <translation type="vanished">&amp;Resend</translation>
    </message>
    <message>
        <source>重新发送</source>
        <translation type="vanished">Resend</translation>
    </message>
    <message>
        <source>放弃这项修改(&amp;D)</source>
        <translation type="vanished">&amp;Discard this change</translation>
    </message>
    <message>
        <source>放弃这项修改</source>
        <translation type="vanished">Discard this change</translation>
    </message>
</context>
<context>
    <name>DialogKeys</name>
    <message>
        <location filename="../../ui/dialog_keys.py" line="15"/>
        <source>%s（Ctrl+Enter）</source>
        <extracomment>the button&apos;s text with the key (translated when a dialog is made)</extracomment>
        <translation>%s (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>DraftSaver</name>
    <message>
        <location filename="../../ui/pages/drafts.py" line="79"/>
        <location filename="../../ui/pages/drafts.py" line="94"/>
        <source>草稿没有保存：%s</source>
        <extracomment>a draft was saved: the response id and its checked answers a save failed: the response id and the message for the member responses shown but not started yet: their first save starts them</extracomment>
        <translation>The draft was not saved: %s</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="107"/>
        <location filename="../../ui/export_dialog.py" line="305"/>
        <source>导出数据</source>
        <extracomment>who may export: a reviewer their towns, the admin the district (members: not offered)</extracomment>
        <translation>Export data</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="128"/>
        <source>%1年%2月</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="131"/>
        <source>Excel 工作簿（.xlsx）</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="132"/>
        <source>CSV 文本（.csv，UTF-8，Excel 可直接打开）</source>
        <translation>CSV text (.csv, UTF-8, opens in Excel)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="135"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="137"/>
        <source>选择保存导出文件的位置</source>
        <translation>Choose where to save the export</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="154"/>
        <source>导出内容(&amp;T)：</source>
        <translation>&amp;What to export:</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="155"/>
        <source>区域(&amp;A)：</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="156"/>
        <source>调查年度(&amp;Y)：</source>
        <translation>Survey &amp;year:</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="157"/>
        <source>核对月份(&amp;O)：</source>
        <translation>M&amp;onth of the round:</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="158"/>
        <source>文件格式(&amp;M)：</source>
        <translation>File for&amp;mat:</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="159"/>
        <source>保存到(&amp;S)：</source>
        <translation>&amp;Save to:</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="168"/>
        <source>导出进度</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="173"/>
        <source>导出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="175"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="196"/>
        <source>没有可以导出的区域</source>
        <translation>No area to export</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="257"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="257"/>
        <source>CSV 文本 (*.csv)</source>
        <translation>CSV text (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="259"/>
        <source>导出到文件</source>
        <translation>Export to file</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="283"/>
        <source>请填写保存到哪个文件</source>
        <translation>Please enter the file to save to</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="294"/>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="305"/>
        <source>文件 %s 已存在，要替换它吗？</source>
        <translation>The file %s exists already. Replace it?</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="320"/>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="326"/>
        <source>没有导出：%s</source>
        <translation>Not exported: %s</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="328"/>
        <source>没有导出：出现意外错误（%s）</source>
        <translation>Not exported: an unexpected error (%s)</translation>
    </message>
</context>
<context>
    <name>FieldsDialog</name>
    <message>
        <location filename="../../ui/fields_dialog.py" line="99"/>
        <source>%s：</source>
        <extracomment>the values -&gt; error messages by field key (checks that need several fields) tick boxes a row in a field of flags what `save` returned (a use case&apos;s Changed, say) errors the use case gave on saving, by field key, until that field changes</extracomment>
        <translation>%s:</translation>
    </message>
    <message>
        <location filename="../../ui/fields_dialog.py" line="203"/>
        <source>错误：%s</source>
        <translation>Error: %s</translation>
    </message>
    <message>
        <location filename="../../ui/fields_dialog.py" line="228"/>
        <source>没有保存：%s</source>
        <translation>Not saved: %s</translation>
    </message>
    <message>
        <source>%s 的错误</source>
        <translation type="vanished">Error in %s</translation>
    </message>
    <message>
        <location filename="../../ui/fields_dialog.py" line="122"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="vanished">Save</translation>
    </message>
    <message>
        <location filename="../../ui/fields_dialog.py" line="125"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%s：%s</source>
        <translation type="vanished">%s: %s</translation>
    </message>
</context>
<context>
    <name>FigureList</name>
    <message>
        <location filename="../../ui/pages/stats_list.py" line="17"/>
        <source>进度</source>
        <extracomment>the headings of the two parts (translated under FigureList when shown)</extracomment>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_list.py" line="18"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_list.py" line="43"/>
        <source>待调查的人（%d 人）</source>
        <extracomment>the list is as wide as its longest title, within these many characters (longer ones wrap)</extracomment>
        <translation>Persons still due (%d)</translation>
    </message>
</context>
<context>
    <name>FirstLoginDialog</name>
    <message>
        <location filename="../../ui/first_login.py" line="40"/>
        <source>首次登录</source>
        <translation>First sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="47"/>
        <source>本机还没有数据。请连接网络，用区残联分配的账号登录服务器；登录后会下载您负责区域的数据，以后不联网也能用同一密码打开。</source>
        <translation>This laptop has no data yet. Connect to the network and sign in to the server with the account the district federation gave you; the data of your areas is then downloaded, and later the program opens offline with the same password.</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="53"/>
        <location filename="../../ui/first_login.py" line="116"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="55"/>
        <location filename="../../ui/first_login.py" line="117"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="58"/>
        <location filename="../../ui/first_login.py" line="118"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="61"/>
        <source>服务器(&amp;V)：</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="62"/>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="63"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="69"/>
        <source>下载进度</source>
        <translation>Download progress</translation>
    </message>
    <message>
        <source>错误信息</source>
        <translation type="vanished">Error message</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="81"/>
        <source>登录并下载(&amp;L)</source>
        <translation>Sign in and &amp;load</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="83"/>
        <source>登录并下载数据</source>
        <translation>Sign in and download the data</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="86"/>
        <source>从备份恢复(&amp;R)…</source>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="88"/>
        <source>用U盘上的备份文件恢复本机数据</source>
        <translation>Restore this laptop&apos;s data from a backup file, for example on a USB stick</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="90"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="vanished">Quit</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="123"/>
        <source>请填写：%s</source>
        <translation>Please fill in: %s</translation>
    </message>
    <message>
        <location filename="../../ui/first_login.py" line="180"/>
        <source>
本机数据库已建立；重新打开程序、解锁后同步即可继续下载。</source>
        <translation>
The laptop&apos;s database has been made; open the program again, unlock it and sync to continue the download.</translation>
    </message>
</context>
<context>
    <name>FormWidget</name>
    <message>
        <location filename="../../ui/forms/widget.py" line="100"/>
        <source>本部分与去年相同</source>
        <extracomment>the member changed an answer (or confirmed a section) every photo and signature save in flight has ended</extracomment>
        <translation>Section same as last year</translation>
    </message>
    <message>
        <source>%s：本部分与去年相同</source>
        <translation type="vanished">%s: section same as last year</translation>
    </message>
    <message>
        <location filename="../../ui/forms/widget.py" line="105"/>
        <source>用去年的答案填写本部分；登记库的信息、今年已填的文字、日期、照片和签字不变</source>
        <translation>Fill this section with last year&apos;s answers; registry facts, text already entered this year, dates, photos and signatures stay as they are</translation>
    </message>
    <message>
        <location filename="../../ui/forms/widget.py" line="302"/>
        <source>已按去年填写 %d 题</source>
        <translation>%d answers filled in from last year</translation>
    </message>
    <message>
        <location filename="../../ui/forms/widget.py" line="302"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/forms/answer_text.py" line="19"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/answer_text.py" line="22"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/forms/answer_text.py" line="28"/>
        <source>纬度 %s，经度 %s</source>
        <translation>latitude %s, longitude %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/answer_text.py" line="33"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../ui/forms/answer_text.py" line="35"/>
        <source>%d 张照片</source>
        <translation>%d photos</translation>
    </message>
    <message>
        <location filename="../../ui/forms/answer_text.py" line="39"/>
        <source>%d 行</source>
        <translation>%d rows</translation>
    </message>
</context>
<context>
    <name>GpsField</name>
    <message>
        <location filename="../../ui/forms/fields.py" line="181"/>
        <location filename="../../ui/forms/fields.py" line="215"/>
        <source>纬度</source>
        <extracomment>the keyboard can give the answer (a signature it cannot)</extracomment>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../ui/forms/fields.py" line="181"/>
        <location filename="../../ui/forms/fields.py" line="215"/>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../../ui/forms/fields.py" line="216"/>
        <source>%s：%s</source>
        <translation>%s: %s</translation>
    </message>
</context>
<context>
    <name>HouseholdDialogs</name>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="25"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="38"/>
        <source>%s不能为空</source>
        <translation>%s must not be empty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="44"/>
        <source>现居住地址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="45"/>
        <source>11位手机号，或带区号的固定电话</source>
        <translation>11-digit mobile, or landline with area code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="48"/>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="51"/>
        <source>户口性质</source>
        <translation>Hukou type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="55"/>
        <source>户口号</source>
        <translation>Hukou number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="57"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="59"/>
        <source>备用电话</source>
        <translation>Other phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="62"/>
        <source>困难类型</source>
        <translation>Hardship status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="68"/>
        <source>修改户信息</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="73"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="74"/>
        <source>固定电话</source>
        <translation>Landline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="75"/>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="78"/>
        <source>联系人关系</source>
        <translation>Contact&apos;s relation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="82"/>
        <source>联系人电话</source>
        <translation>Contact&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="83"/>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="86"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="92"/>
        <source>住在托养机构（敬老院、福利院等）</source>
        <translation>Lives in a care home</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="97"/>
        <source>修改 %s 的信息</source>
        <translation>Edit the details of %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="104"/>
        <source>注销日期不能晚于今天</source>
        <translation>The date of cancellation cannot be later than today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="110"/>
        <source>注销原因</source>
        <translation>Reason for cancellation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="114"/>
        <source>变动日期</source>
        <translation>Date of change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="116"/>
        <source>注销 %s</source>
        <translation>Cancel the registration of %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="123"/>
        <source>不能计划在已过去的日期</source>
        <translation>A visit cannot be planned on a past date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="127"/>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="128"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household_dialogs.py" line="130"/>
        <source>计划走访</source>
        <translation>Plan visit</translation>
    </message>
</context>
<context>
    <name>HouseholdListModel</name>
    <message>
        <location filename="../../ui/household_model.py" line="35"/>
        <source>村/社区</source>
        <extracomment>(attribute, header): the headers are translated when shown</extracomment>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../ui/household_model.py" line="36"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../ui/household_model.py" line="37"/>
        <source>残疾人</source>
        <translation>Disabled persons</translation>
    </message>
    <message>
        <location filename="../../ui/household_model.py" line="38"/>
        <source>现居住地址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <location filename="../../ui/household_model.py" line="39"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/household_model.py" line="40"/>
        <source>困难类型</source>
        <translation>Hardship status</translation>
    </message>
    <message>
        <location filename="../../ui/household_model.py" line="144"/>
        <source>%s：%s</source>
        <translation>%s: %s</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>户</source>
        <translation type="vanished">Household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="137"/>
        <source>户信息</source>
        <translation>Household details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="141"/>
        <source>残疾人</source>
        <translation>Disabled persons</translation>
    </message>
    <message>
        <source>证件与补贴记录</source>
        <translation type="vanished">Certificate and subsidy history</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="146"/>
        <source>调查表</source>
        <translation>Survey forms</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="148"/>
        <location filename="../../ui/pages/household.py" line="235"/>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="150"/>
        <location filename="../../ui/pages/household.py" line="236"/>
        <source>照片和附件</source>
        <translation>Photos and attachments</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="152"/>
        <source>无障碍改造个案</source>
        <translation>Accessibility renovation cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="177"/>
        <source>计划走访(&amp;J)…</source>
        <translation>P&amp;lan visit…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="197"/>
        <source>报告变动(&amp;H)…</source>
        <translation>Report a c&amp;hange…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="198"/>
        <source>报告走访时发现的变动（死亡、迁居等），列入本月核对任务</source>
        <translation>Report a change found on the visit (death, a move…): it joins this month&apos;s tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="234"/>
        <source>调查表(&amp;D)</source>
        <translation>Surve&amp;y forms</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="280"/>
        <source>没有这一户</source>
        <translation>No such household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="283"/>
        <source>户主 %s · %s %s</source>
        <translation>Household of %s · %s %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="286"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="287"/>
        <location filename="../../ui/pages/household.py" line="320"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="298"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="302"/>
        <source>%s：</source>
        <translation>%s:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="390"/>
        <source>残疾人证</source>
        <translation>Disability certificate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="392"/>
        <source>%s类%s级</source>
        <translation>category %s, grade %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="395"/>
        <source>现行</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="395"/>
        <source>历史</source>
        <translation>Past</translation>
    </message>
    <message>
        <source>%s元/月</source>
        <translation type="vanished">%s yuan/month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="431"/>
        <source>没有保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="459"/>
        <source>请先选择</source>
        <translation>Select first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="459"/>
        <source>请先在残疾人列表中选择一人</source>
        <translation>First select a person in the list of disabled persons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="508"/>
        <source>完整证件号</source>
        <translation>Full ID numbers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="509"/>
        <source>%s
身份证号：%s
残疾人证号：%s</source>
        <translation>%s
Resident ID: %s
Disability certificate: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="62"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="53"/>
        <source>动态更新调查（A表）</source>
        <translation>Dynamic-update survey (Form A)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="54"/>
        <source>收入状况监测（B表）</source>
        <translation>Income monitoring (Form B)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="57"/>
        <source>已计划</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="58"/>
        <source>已走访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="59"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="63"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="64"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="65"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="66"/>
        <source>残疾类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="67"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="68"/>
        <source>残疾人证号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="69"/>
        <source>补贴</source>
        <translation>Subsidies</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="70"/>
        <location filename="../../ui/pages/household.py" line="78"/>
        <location filename="../../ui/pages/household.py" line="84"/>
        <location filename="../../ui/pages/household.py" line="88"/>
        <location filename="../../ui/pages/household.py" line="100"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="73"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>号码或种类</source>
        <translation type="vanished">Number or kind</translation>
    </message>
    <message>
        <source>等级或金额</source>
        <translation type="vanished">Grade or amount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="76"/>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="77"/>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="81"/>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="82"/>
        <location filename="../../ui/pages/household.py" line="99"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="83"/>
        <source>对象</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="87"/>
        <source>计划日期</source>
        <translation>Planned date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="89"/>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="90"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="93"/>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="94"/>
        <source>标记</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="95"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="96"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="101"/>
        <source>预算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="102"/>
        <source>上限</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="128"/>
        <source>户详情</source>
        <translation>Household details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="143"/>
        <location filename="../../ui/pages/household.py" line="233"/>
        <source>证件记录</source>
        <translation>Certificate history</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="172"/>
        <source>开始走访(&amp;W)</source>
        <translation>S&amp;tart visit</translation>
    </message>
    <message>
        <source>开始走访</source>
        <translation type="vanished">Start visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="173"/>
        <source>为本户开始走访</source>
        <translation>Start a visit to this household</translation>
    </message>
    <message>
        <source>计划走访(&amp;P)…</source>
        <translation type="vanished">&amp;Plan visit…</translation>
    </message>
    <message>
        <source>计划走访</source>
        <translation type="vanished">Plan visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="178"/>
        <source>计划一次走访</source>
        <translation>Plan a visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="182"/>
        <source>修改户信息(&amp;E)…</source>
        <translation>&amp;Edit household…</translation>
    </message>
    <message>
        <source>修改户信息</source>
        <translation type="vanished">Edit household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="183"/>
        <source>修改本户的地址、电话、困难类型</source>
        <translation>Edit this household&apos;s address, phone and hardship status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="187"/>
        <source>修改人员信息(&amp;M)…</source>
        <translation>Edit per&amp;son…</translation>
    </message>
    <message>
        <source>修改人员信息</source>
        <translation type="vanished">Edit person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="188"/>
        <source>修改所选残疾人的联系方式等</source>
        <translation>Edit the selected person&apos;s contacts and other details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="192"/>
        <source>注销人员(&amp;C)…</source>
        <translation>&amp;Cancel registration…</translation>
    </message>
    <message>
        <source>注销人员</source>
        <translation type="vanished">Cancel registration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="193"/>
        <source>注销所选残疾人（死亡、户口迁出等）</source>
        <translation>Cancel the selected person&apos;s registration (death, hukou moved out, etc.)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="204"/>
        <source>显示完整证件号(&amp;I)</source>
        <translation>Show full &amp;ID</translation>
    </message>
    <message>
        <source>显示完整证件号</source>
        <translation type="vanished">Show full ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="205"/>
        <source>显示所选残疾人的完整身份证号（记入日志）</source>
        <translation>Show the selected person&apos;s full ID number (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="209"/>
        <source>返回列表(&amp;B)</source>
        <translation>&amp;Back to list</translation>
    </message>
    <message>
        <source>返回列表</source>
        <translation type="vanished">Back to list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="210"/>
        <source>返回户列表</source>
        <translation>Back to the list of households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="232"/>
        <source>残疾人(&amp;R)</source>
        <translation>Disabled pe&amp;rsons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="237"/>
        <source>无障碍改造个案(&amp;A)</source>
        <translation>&amp;Accessibility renovation cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="106"/>
        <source>现居住地址</source>
        <extracomment>the facts of the household, in order: (label, attribute shown)</extracomment>
        <translation>Current address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="74"/>
        <source>证号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="75"/>
        <source>类别和等级</source>
        <translation>Category and grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="107"/>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="108"/>
        <source>户口性质</source>
        <translation>Hukou type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="109"/>
        <source>户主身份证号</source>
        <translation>Head&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="110"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="111"/>
        <source>困难类型</source>
        <translation>Hardship status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/household.py" line="112"/>
        <source>一户多残编码</source>
        <translation>Multi-disability household code</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../ui/pages/households.py" line="36"/>
        <source>户和人员</source>
        <extracomment>column widths in characters: village, head, members, address, phone, hardship</extracomment>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="42"/>
        <source>姓名、拼音首字母、身份证号、残疾人证号、地址或电话</source>
        <translation>Name, pinyin initials, ID or certificate number, address or phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="44"/>
        <source>搜索户和残疾人</source>
        <translation>Search households and disabled persons</translation>
    </message>
    <message>
        <source>输入时即搜索；按回车打开第一户；按下箭头进入列表</source>
        <translation type="vanished">Searches as you type; Enter opens the first household; Down arrow moves into the list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="49"/>
        <source>搜索(&amp;S)：</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="53"/>
        <source>按村/社区筛选</source>
        <translation>Filter by village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="54"/>
        <source>全部村/社区</source>
        <translation>All villages/communities</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="60"/>
        <source>村/社区(&amp;C)：</source>
        <translation>Village/&amp;community:</translation>
    </message>
    <message>
        <source>村/社区(&amp;V)：</source>
        <translation type="vanished">&amp;Village/community:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="46"/>
        <source>输入时即搜索；按回车打开所选的户，未选时打开第一户；按下箭头进入列表</source>
        <translation>Searches as you type; Enter opens the selected household, or else the first one; the Down arrow goes into the list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="69"/>
        <source>户列表</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="70"/>
        <source>按回车或双击打开所选的户</source>
        <translation>Press Enter or double-click to open the selected household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="83"/>
        <source>打开户(&amp;O)</source>
        <translation>&amp;Open household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="84"/>
        <source>打开所选的户</source>
        <translation>Open the selected household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="86"/>
        <source>开始走访(&amp;W)</source>
        <translation>S&amp;tart visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="87"/>
        <source>为所选的户开始走访</source>
        <translation>Start a visit to the selected household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="89"/>
        <source>新增户(&amp;N)…</source>
        <translation>&amp;New household…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="90"/>
        <source>在本辖区的村/社区登记一户</source>
        <translation>Register a household in a village of your area</translation>
    </message>
    <message>
        <source>户数</source>
        <translation type="vanished">Number of households</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/households.py" line="173"/>
        <source>找到 %n 户</source>
        <translation>
            <numerusform>Found %n household</numerusform>
            <numerusform>Found %n households</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/households.py" line="175"/>
        <source>共 %n 户</source>
        <translation>
            <numerusform>%n household</numerusform>
            <numerusform>%n households</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <location filename="../../ui/forms/item_row.py" line="64"/>
        <source>（选填）</source>
        <extracomment>the member typed the note that explains a change from last year</extracomment>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/item_row.py" line="91"/>
        <source>与去年不同时，请说明原因</source>
        <translation>If different from last year, say why</translation>
    </message>
    <message>
        <location filename="../../ui/forms/item_row.py" line="92"/>
        <source>%s：变化说明</source>
        <translation>%s: reason for the change</translation>
    </message>
    <message>
        <location filename="../../ui/forms/item_row.py" line="116"/>
        <source>错误：%s</source>
        <translation>Error: %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/item_row.py" line="117"/>
        <source>提醒：%s</source>
        <translation>Warning: %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/item_row.py" line="119"/>
        <source>与去年不同：去年为 %s</source>
        <translation>Differs from last year: last year %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/item_row.py" line="121"/>
        <source>去年：%s</source>
        <translation>Last year: %s</translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <location filename="../../ui/forms/fields.py" line="33"/>
        <source>年-月-日，例如 2026-03-01</source>
        <extracomment>what to type, per type (translated by LineField.tr when shown)</extracomment>
        <translation>year-month-day, e.g. 2026-03-01</translation>
    </message>
    <message>
        <location filename="../../ui/forms/fields.py" line="34"/>
        <source>11位手机号，或带区号的固定电话</source>
        <translation>11-digit mobile, or landline with area code</translation>
    </message>
    <message>
        <location filename="../../ui/forms/fields.py" line="35"/>
        <source>18位公民身份号码</source>
        <translation>18-character resident ID number</translation>
    </message>
    <message>
        <location filename="../../ui/forms/fields.py" line="36"/>
        <source>12位统计用区划代码</source>
        <translation>12-digit statistical area code</translation>
    </message>
    <message>
        <location filename="../../ui/forms/fields.py" line="37"/>
        <source>单位：元</source>
        <translation>In yuan</translation>
    </message>
</context>
<context>
    <name>LockHost</name>
    <message>
        <location filename="../../ui/window_lock.py" line="57"/>
        <source>已锁定</source>
        <extracomment>input that must reach only the lock panel while locked</extracomment>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <location filename="../../ui/lock_panel.py" line="69"/>
        <source>已锁定。请输入密码解锁；正在进行的工作已保存。</source>
        <translation>Locked. Enter your password to unlock; work in progress has been saved.</translation>
    </message>
    <message>
        <source>锁定说明</source>
        <translation type="vanished">Lock message</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="39"/>
        <source>密码</source>
        <extracomment>(password, server password or &quot;&quot;) -&gt; True: unlocked, False: wrong password, None: the server is being asked (the window calls `answered` when it has said)</extracomment>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="40"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="44"/>
        <source>服务器密码（管理员告知的新密码）</source>
        <translation>Server password (the new one the administrator gave you)</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="45"/>
        <source>服务器密码(&amp;S)：</source>
        <translation>&amp;Server password:</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="87"/>
        <source>⚠ 请输入服务器密码（管理员告知的新密码）</source>
        <translation>⚠ Enter the server password (the new one the administrator gave you)</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="94"/>
        <source>正在向服务器确认账号……</source>
        <translation>Checking the account with the server…</translation>
    </message>
    <message>
        <source>错误信息</source>
        <translation type="vanished">Error message</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="49"/>
        <source>解锁(&amp;O)</source>
        <translation>Unl&amp;ock</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation type="vanished">Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.py" line="99"/>
        <source>⚠ 密码错误</source>
        <translation>⚠ Wrong password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="49"/>
        <source>变动核对(&amp;7)</source>
        <translation>Change &amp;checks</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="51"/>
        <source>统计(&amp;8)</source>
        <translation>Statistics (&amp;8)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <source>补贴提醒(&amp;9)</source>
        <translation>Subsidy warnings (&amp;9)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>管理(&amp;0)</source>
        <translation>Administration (&amp;0)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <source>专职委员</source>
        <extracomment>the roles in the status bar (translated by MainWindow.tr when shown)</extracomment>
        <translation>committee member</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61"/>
        <source>审核员</source>
        <translation>reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>页面导航</source>
        <extracomment>pages about one record, opened from others the window&apos;s size on a large screen; a smaller screen is filled (a 1366×768 laptop)</extracomment>
        <translation>Page navigation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>页面(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>页面列表(&amp;N)</source>
        <translation>Page &amp;list</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>文件(&amp;F)</source>
        <extracomment>while locked: nothing reachable but the lock panel (every action, page, dialog)</extracomment>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>查找户(&amp;F)</source>
        <translation>&amp;Find household</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>备份数据(&amp;B)…</source>
        <translation>&amp;Back up data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>导出数据(&amp;E)…</source>
        <translation>&amp;Export data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209"/>
        <source>发布表单或设置(&amp;U)…</source>
        <translation>P&amp;ublish a form or settings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>打印(&amp;P)</source>
        <extracomment>other parts of the program (prints) add their actions here</extracomment>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="vanished">Status</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223"/>
        <source>%s（%s）</source>
        <translation>%s (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="37"/>
        <source>今日(&amp;1)</source>
        <extracomment>(name, title with mnemonic, shortcut, module, class, roles or None for all) (the titles are translated by MainWindow.tr when shown)</extracomment>
        <translation>Today (&amp;1)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="39"/>
        <source>户和人员(&amp;2)</source>
        <translation>Households (&amp;2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="41"/>
        <source>审核(&amp;3)</source>
        <translation>Review (&amp;3)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43"/>
        <source>无障碍改造(&amp;4)</source>
        <translation>Renovation (&amp;4)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="45"/>
        <source>同步(&amp;5)</source>
        <translation>Sync (&amp;5)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47"/>
        <source>设置(&amp;6)</source>
        <translation>Settings (&amp;6)</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="229"/>
        <location filename="../../ui/pages/case_dialogs.py" line="232"/>
        <location filename="../../ui/pages/case_dialogs.py" line="235"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="232"/>
        <source>理由（必填）(&amp;R)：</source>
        <translation>&amp;Reason (required):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="194"/>
        <location filename="../../ui/pages/case_dialogs.py" line="232"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="235"/>
        <source>理由(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="235"/>
        <source>选填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="266"/>
        <source>必须填写%s</source>
        <translation>%s is required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="171"/>
        <source>公示开始(&amp;1)：</source>
        <translation>Notice from (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="172"/>
        <source>公示开始</source>
        <translation>Notice from</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="177"/>
        <source>公示结束(&amp;2)：</source>
        <translation>Notice until (&amp;2):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="178"/>
        <source>公示结束</source>
        <translation>Notice until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="183"/>
        <source>公示地点(&amp;3)：</source>
        <translation>Notice place (&amp;3):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="184"/>
        <source>公示地点</source>
        <translation>Notice place</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="186"/>
        <source>村务公开栏等</source>
        <translation>Village notice board, etc.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="191"/>
        <source>施工单位(&amp;1)：</source>
        <translation>Contractor (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="192"/>
        <source>施工单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="198"/>
        <source>开工日期(&amp;2)：</source>
        <translation>Start date (&amp;2):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="199"/>
        <source>开工日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="204"/>
        <source>计划完工日期(&amp;3)：</source>
        <translation>Planned end date (&amp;3):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="205"/>
        <source>计划完工日期</source>
        <translation>Planned end date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="211"/>
        <source>完工日期(&amp;1)：</source>
        <translation>Completion date (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="212"/>
        <source>完工日期</source>
        <translation>Completion date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="217"/>
        <source>说明(&amp;2)：</source>
        <translation>Note (&amp;2):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="218"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="224"/>
        <source>回访情况(&amp;1)：</source>
        <translation>Follow-up findings (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="225"/>
        <source>回访情况</source>
        <translation>Follow-up findings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="227"/>
        <source>必填：设施是否在用、完好</source>
        <translation>Required: whether the facilities are in use and intact</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="58"/>
        <location filename="../../ui/pages/task_outcome.py" line="68"/>
        <source>核实结果</source>
        <extracomment>the consequences of an outcome (and of a new household): (outcome, household id) -&gt; lines</extracomment>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="65"/>
        <location filename="../../ui/pages/task_outcome.py" line="70"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="73"/>
        <source>核实方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="75"/>
        <source>核实日期</source>
        <translation>Date checked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="78"/>
        <source>理由或说明</source>
        <translation>Reason or note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="79"/>
        <source>核实结果为“不属实”时必填</source>
        <translation>Required when the outcome is &quot;not true&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="82"/>
        <source>（不迁户）</source>
        <translation>(no move)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="85"/>
        <source>迁入的户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="87"/>
        <source>区内迁居时选择此人迁入的户，或某村的新户（再填新住址）</source>
        <translation>For a move within the district: the household the person moves to, or a new household in a village (then its address)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="90"/>
        <source>新住址</source>
        <translation>New address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="91"/>
        <source>迁到新户时必填</source>
        <translation>Required for a move to a new household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="92"/>
        <source>选择照片(&amp;P)…</source>
        <translation>Choose &amp;photo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="93"/>
        <source>可选：证明核实结果的照片</source>
        <translation>Optional: a photo that backs the outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="94"/>
        <source>没有照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="96"/>
        <source>核实后的处理</source>
        <translation>What follows</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="98"/>
        <source>勾选的处理在审核员通过后执行；空格键勾选或取消</source>
        <translation>The ticked lines are applied when the reviewer accepts; Space ticks or unticks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="107"/>
        <source>核实结果(&amp;O)：</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="108"/>
        <source>核实方式(&amp;M)：</source>
        <translation>&amp;Method:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="109"/>
        <source>核实日期(&amp;D)：</source>
        <translation>&amp;Date checked:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="110"/>
        <source>理由或说明(&amp;R)：</source>
        <translation>&amp;Reason or note:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="111"/>
        <source>迁入的户(&amp;H)：</source>
        <translation>New &amp;household:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="112"/>
        <source>新住址(&amp;N)：</source>
        <translation>&amp;New address:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="120"/>
        <source>照片：</source>
        <translation>Photo:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="121"/>
        <source>核实后的处理（审核通过后执行）(&amp;C)：</source>
        <translation>What follows (applied on acceptance) (&amp;C):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="127"/>
        <source>提交(&amp;S)</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="130"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="177"/>
        <source>不属实：不变更登记信息和补贴</source>
        <translation>Not true: the registry and the subsidies stay as they are</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="179"/>
        <source>没有需要执行的处理</source>
        <translation>Nothing to apply</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="217"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="224"/>
        <source>照片 (*.jpg *.jpeg *.png *.heic *.bmp)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.heic *.bmp)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="225"/>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_outcome.py" line="231"/>
        <source>照片：%s</source>
        <translation>Photo: %s</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../ui/pages/base.py" line="21"/>
        <source>页面</source>
        <extracomment>ask the main window to open another page: (page name, record id) the page&apos;s name (its accessible name); each page marks it with its own class as the context, and the page&apos;s tr() translates it</extracomment>
        <translation>Page</translation>
    </message>
</context>
<context>
    <name>PersonMoveDialog</name>
    <message>
        <location filename="../../ui/pages/person_move.py" line="66"/>
        <source>迁移 %s</source>
        <extracomment>households listed at most for one search</extracomment>
        <translation>Move %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="71"/>
        <source>迁入本辖区已有的户(&amp;E)</source>
        <translation>Into an &amp;existing household of your area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="72"/>
        <source>迁入另一村/社区，立为新户(&amp;N)</source>
        <translation>Into a &amp;new household in another village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="79"/>
        <source>搜索迁入的户</source>
        <translation>Search the household to move into</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="80"/>
        <source>户主或成员姓名、地址</source>
        <translation>Name of the head or a member, address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="83"/>
        <source>找到的户</source>
        <translation>Households found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="84"/>
        <source>用上下箭头选择迁入的户</source>
        <translation>Choose the household with the up and down arrows</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="86"/>
        <source>与新户户主关系</source>
        <translation>Relation to the new household&apos;s head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="93"/>
        <source>搜索(&amp;F)：</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="94"/>
        <source>户(&amp;H)：</source>
        <translation>&amp;Household:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="95"/>
        <source>与户主关系(&amp;R)：</source>
        <translation>&amp;Relation to head:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="105"/>
        <source>迁入的村/社区</source>
        <translation>Village to move into</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="106"/>
        <source>用箭头展开街道（乡镇），选择村/社区</source>
        <translation>Open a town with the arrows and choose a village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="109"/>
        <source>新户的现居住地址</source>
        <translation>Address of the new household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="111"/>
        <source>新户的联系电话</source>
        <translation>Phone of the new household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="116"/>
        <source>村/社区(&amp;V)：</source>
        <translation>&amp;Village:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="117"/>
        <source>地址(&amp;A)：</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="118"/>
        <source>电话(&amp;P)：</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="131"/>
        <source>迁移(&amp;S)</source>
        <translation>Mo&amp;ve</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="133"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="205"/>
        <source>户主 %s · %s · %s</source>
        <translation>Head %s · %s · %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="206"/>
        <location filename="../../ui/pages/person_move.py" line="207"/>
        <source>（未填）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="232"/>
        <source>请先搜索并选择迁入的户</source>
        <translation>Search and choose the household to move into first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="243"/>
        <source>请在区划树中选择迁入的村/社区</source>
        <translation>Choose the village to move into on the area tree</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="246"/>
        <source>新户的现居住地址不能为空</source>
        <translation>The new household&apos;s address must not be empty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/person_move.py" line="257"/>
        <source>没有迁移：%s</source>
        <translation>Not moved: %s</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="42"/>
        <source>照片 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="380"/>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="385"/>
        <source>改造前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="386"/>
        <source>改造后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="389"/>
        <source>照片文件，多个用分号隔开</source>
        <translation>Photo files, separated by semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="390"/>
        <source>选择文件(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="391"/>
        <source>选择照片文件</source>
        <translation>Choose photo files</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="398"/>
        <source>改造项目(&amp;1)：</source>
        <translation>Renovation item (&amp;1):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="398"/>
        <source>照片所示的改造项目</source>
        <translation>Renovation item shown in the photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="399"/>
        <source>阶段(&amp;2)：</source>
        <translation>Stage (&amp;2):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="399"/>
        <source>改造前或改造后</source>
        <translation>Before or after the renovation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="400"/>
        <source>文件(&amp;3)：</source>
        <translation>Files (&amp;3):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="400"/>
        <location filename="../../ui/pages/case_dialogs.py" line="401"/>
        <source>照片文件</source>
        <translation>Photo files</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="406"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="416"/>
        <source>请选择照片文件</source>
        <translation>Choose photo files</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="418"/>
        <source>找不到文件：%s</source>
        <translation>File not found: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="418"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="379"/>
        <source>照片缩小到最长边1600像素，加密保存在本机，同步时上传。</source>
        <translation>Photos are reduced to 1600 pixels on the long side, stored encrypted on this computer and uploaded at the next sync.</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <location filename="../../ui/forms/media.py" line="177"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="178"/>
        <source>移除所选照片</source>
        <translation>Remove selected photo</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="219"/>
        <source>%s：已添加的照片</source>
        <extracomment>the buttons side by side (a narrow column may set it top to bottom)</extracomment>
        <translation>%s: photos added</translation>
    </message>
    <message>
        <source>%s：添加照片</source>
        <translation type="vanished">%s: add photos</translation>
    </message>
    <message>
        <source>从文件选择照片，导入时缩小到1600像素</source>
        <translation type="vanished">Choose photos from files; they are reduced to 1600 pixels on import</translation>
    </message>
    <message>
        <source>%s：移除所选照片</source>
        <translation type="vanished">%s: remove selected photo</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="223"/>
        <source>%s：从文件选择照片，导入时缩小到1600像素</source>
        <translation>%s: choose photos from files; they are reduced to 1600 pixels on import</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="230"/>
        <source>照片 %d</source>
        <translation>Photo %d</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="236"/>
        <source>照片 %d（不在本机）</source>
        <translation>Photo %d (not on this computer)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="240"/>
        <source>共 %d 张</source>
        <translation>%d photos</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="240"/>
        <source>没有照片</source>
        <translation>No photos</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="245"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="255"/>
        <source>正在缩小并保存照片…</source>
        <translation>Reducing and saving photos…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="261"/>
        <source>照片没有保存：%s</source>
        <translation>Photos not saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="29"/>
        <source>照片 (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp)</source>
        <extracomment>the files a photo field offers (translated by PhotoField.tr, or under its context)</extracomment>
        <translation>Photos (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp)</translation>
    </message>
</context>
<context>
    <name>PhotoSection</name>
    <message>
        <location filename="../../ui/pages/case_photos.py" line="143"/>
        <source>还没有照片。入户评估时可以按项目或全屋添加改造前照片。</source>
        <translation>No photos yet. At the home assessment, add before photos per item or for the whole home.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_photos.py" line="158"/>
        <source>%s：%s照片</source>
        <translation>%s: %s photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_photos.py" line="174"/>
        <source>回车查看大图</source>
        <translation>Press Enter to view full size</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_photos.py" line="187"/>
        <source>%s，%s，%s 拍摄或添加</source>
        <translation>%s, %s, taken or added by %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_photos.py" line="193"/>
        <source>（没有照片）</source>
        <translation>(no photos)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="31"/>
        <source>改造前</source>
        <extracomment>photo stages (the attachment&apos;s tag) and their names (translated by PhotoSection.tr)</extracomment>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="32"/>
        <source>施工中</source>
        <translation>During construction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_detail.py" line="33"/>
        <source>改造后</source>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../ui/pages/case_photos.py" line="105"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="82"/>
        <source>改造方案</source>
        <translation>Renovation plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="110"/>
        <source>显示其他项目(&amp;O)</source>
        <translation>Show &amp;other items</translation>
    </message>
    <message>
        <source>显示其他项目</source>
        <translation type="vanished">Show other items</translation>
    </message>
    <message>
        <source>合计</source>
        <translation type="vanished">Total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="114"/>
        <location filename="../../ui/pages/case_plan.py" line="120"/>
        <source>超限或只有辅具的理由</source>
        <translation>Reason for exceeding the cap or for devices only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="120"/>
        <source>超限理由(&amp;R)：</source>
        <translation>&amp;Reason for exception:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="121"/>
        <source>方案超过上限或只有辅具时必填</source>
        <translation>Required if the plan exceeds the cap or has assistive devices only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="136"/>
        <source>辅具</source>
        <translation>assistive device</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="136"/>
        <source>施工</source>
        <translation>construction</translation>
    </message>
    <message>
        <source>%s（%s）</source>
        <translation type="vanished">%s (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="140"/>
        <source>%s 元/%s，%s</source>
        <translation>%s yuan/%s, %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="145"/>
        <source>%s 的数量（%s）</source>
        <translation>Quantity of %s (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="179"/>
        <source>合计 %s 元，每户上限 %s 元%s</source>
        <translation>Total %s yuan, cap per household %s yuan%s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="180"/>
        <source>：超过上限</source>
        <translation>: over the cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="184"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="81"/>
        <source>勾选改造项目，填写数量。合计超过每户上限或只有辅具时，须填写超限理由。</source>
        <translation>Tick the renovation items and enter quantities. If the total exceeds the cap per household or the plan has assistive devices only, give a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="42"/>
        <source>方案中的项目：</source>
        <extracomment>the groups of catalogue items in the plan dialog (translated by PlanDialog.tr)</extracomment>
        <translation>Items in the plan:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="43"/>
        <source>按残疾类别建议的项目：</source>
        <translation>Items suggested for the disability category:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="44"/>
        <source>其他项目：</source>
        <translation>Other items:</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <location filename="../../ui/print_menu.py" line="28"/>
        <source>打印所选户的入户调查表（预填）(&amp;H)</source>
        <translation>Print the selected &amp;household&apos;s visit forms (pre-filled)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="30"/>
        <source>打印今天计划走访各户的调查表（一个文件）(&amp;T)</source>
        <translation>Print the forms of &amp;today&apos;s planned visits (one file)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="35"/>
        <source>打印本个案的评估表(&amp;E)</source>
        <translation>Print this case&apos;s ass&amp;essment form</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="36"/>
        <source>打印本个案的改造方案和预算(&amp;B)</source>
        <translation>Print this case&apos;s plan and &amp;budget</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="37"/>
        <source>打印本个案的验收表(&amp;Y)</source>
        <translation>Print this case&apos;s acceptance form (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="42"/>
        <source>打印无障碍改造公示名单(&amp;G)</source>
        <translation>Print the renovation publicity list (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="44"/>
        <source>打印已验收的无障碍改造个案（整个乡镇）(&amp;A)</source>
        <translation>Print the &amp;accepted renovation cases (whole town)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="47"/>
        <source>打印已验收的无障碍改造个案（整个乡镇，档案联，证件号完整）(&amp;D)</source>
        <translation>Print the accepted renovation cases (whole town, file copy, full ID numbers) (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="52"/>
        <source>打印调查进度周报（本人负责的区域）(&amp;W)</source>
        <translation>Print the &amp;weekly progress report (your area)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="54"/>
        <source>打印年度统计报表（本人负责的区域）(&amp;S)</source>
        <translation>Print the year&apos;s &amp;statistics report (your area)</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="119"/>
        <location filename="../../ui/print_menu.py" line="138"/>
        <location filename="../../ui/print_menu.py" line="155"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="119"/>
        <source>请先打开一个无障碍改造个案。</source>
        <translation>Please open a renovation case first.</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="138"/>
        <source>请先在“户和人员”页的户列表中选择一户。</source>
        <translation>First select a household in the list on the “Households” page.</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="155"/>
        <source>没有打印：%s</source>
        <translation>Not printed: %s</translation>
    </message>
</context>
<context>
    <name>PrintCommands</name>
    <message>
        <location filename="../../ui/print_commands.py" line="25"/>
        <source>评估表</source>
        <extracomment>a response in these states has its answers for good: it prints as completed the papers of a case, as the print service names them, and their menu texts</extracomment>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="26"/>
        <source>改造方案和预算</source>
        <translation>Plan and budget</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="27"/>
        <source>验收表</source>
        <translation>Acceptance record</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="71"/>
        <source>打印个案表(&amp;R)</source>
        <translation>P&amp;rint case papers</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="74"/>
        <source>打印个案表</source>
        <translation>Print case papers</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="72"/>
        <source>评估表、改造方案和预算、验收表：工作联或档案联</source>
        <translation>Assessment, plan and budget, acceptance record: shared copy or file copy</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="77"/>
        <source>%s（工作联）</source>
        <translation>%s (shared copy)</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="78"/>
        <source>%s（档案联，证件号完整）</source>
        <translation>%s (file copy, full ID numbers)</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="110"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="111"/>
        <source>没有打印：%s</source>
        <translation>Not printed: %s</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../ui/print_preview.py" line="87"/>
        <source>打印预览 — %s</source>
        <extracomment>the zoom levels offered, in percent; 100 % shows a page at its paper size pages drawn beyond the visible ones, and kept as pictures, on either side</extracomment>
        <translation>Print preview — %s</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation type="vanished">Print preview</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/print_preview.py" line="89"/>
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>页数</source>
        <translation type="vanished">Pages</translation>
    </message>
    <message>
        <source>预览状态</source>
        <translation type="vanished">Preview status</translation>
    </message>
    <message>
        <source>字体缺字提示</source>
        <translation type="vanished">Missing characters in the font</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="95"/>
        <source>注意：以下字符字体中没有，纸上印作〓，请手写补上：
</source>
        <translation>Note: the font lacks these characters; they print as 〓, so write them in by hand:
</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="104"/>
        <source>放大 Ctrl++，缩小 Ctrl+-，原大 Ctrl+0</source>
        <translation>Zoom in Ctrl++, zoom out Ctrl+-, actual size Ctrl+0</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="106"/>
        <source>缩放(&amp;Z)</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="108"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="109"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="134"/>
        <source>预览的页面</source>
        <translation>Preview pages</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="144"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="145"/>
        <source>取消打印(&amp;X)</source>
        <translation>Cancel printing (&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="212"/>
        <source>本机不能预览和直接打印（缺少 pypdfium2）。请另存为 PDF，再用 PDF 阅读器打印。</source>
        <translation>This computer cannot preview or print directly (pypdfium2 is missing). Save as PDF and print it from a PDF reader.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="358"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="146"/>
        <source>另存为 PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="399"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="409"/>
        <source>正在打印：已送出 %1 页，共 %2 页</source>
        <translation>Printing: %1 of %2 pages sent</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/print_preview.py" line="422"/>
        <source>已送去打印：%n 页</source>
        <translation>
            <numerusform>Sent to print: %n page</numerusform>
            <numerusform>Sent to print: %n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="426"/>
        <source>没有打印：%s</source>
        <translation>Not printed: %s</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="429"/>
        <source>已取消打印</source>
        <translation>Printing cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="433"/>
        <location filename="../../ui/print_preview.py" line="444"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="147"/>
        <source>关闭(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="vanished">Close</translation>
    </message>
    <message>
        <source>本机不能预览和直接打印（缺少 PySide6-Pdf 和 pdftoppm）。请另存为 PDF，再用 PDF 阅读器打印。</source>
        <translation type="vanished">This computer cannot preview or print directly (PySide6-Pdf and pdftoppm are missing). Save as PDF, then print it from a PDF reader.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="216"/>
        <location filename="../../ui/print_preview.py" line="295"/>
        <source>正在生成预览…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="229"/>
        <source>第 %1 页</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>预览前 %1 页；打印和另存为包含全部 %2 页。</source>
        <translation type="vanished">Previewing the first %1 pages; printing and saving include all %2 pages.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/print_preview.py" line="299"/>
        <source>预览全部 %n 页</source>
        <translation>
            <numerusform>Previewing %n page</numerusform>
            <numerusform>Previewing all %n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="305"/>
        <source>无法生成预览：%s</source>
        <translation>Cannot make the preview: %s</translation>
    </message>
    <message>
        <source>无法开始打印</source>
        <translation type="vanished">Cannot start printing</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="433"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="444"/>
        <source>没有保存：%s</source>
        <translation>Not saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="446"/>
        <source>已保存到 %s</source>
        <translation>Saved to %s</translation>
    </message>
</context>
<context>
    <name>PublishAction</name>
    <message>
        <location filename="../../ui/publish_action.py" line="35"/>
        <location filename="../../ui/publish_action.py" line="82"/>
        <source>发布表单或设置</source>
        <extracomment>a publication the server took (its PublicationInfo), new or the same again the outcome said, each time (the 发布 tab repeats it on its message line) the last outcome said (for the tests, and the status bar)</extracomment>
        <translation>Publish a form or settings</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="37"/>
        <source>表单或设置文件 (*.yaml *.yml)</source>
        <translation>Form or settings files (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="59"/>
        <source>表单 %1 版本 %2</source>
        <translation>form %1 version %2</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="62"/>
        <source>设置第 %1 版</source>
        <translation>settings no. %1</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="64"/>
        <source>已发布%1，各笔记本下次同步时收到。</source>
        <translation>Published %1; every laptop receives it at its next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="66"/>
        <source>%1 已发布过，内容相同，未改动。</source>
        <translation>%1 was published already with the same content; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="74"/>
        <source>现在连不上服务器（离线），未发布。请联网后再试。</source>
        <translation>The server cannot be reached now (offline); nothing was published. Try again when online.</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="50"/>
        <location filename="../../ui/publish_action.py" line="76"/>
        <source>未发布：%1</source>
        <translation>Not published: %1</translation>
    </message>
    <message>
        <location filename="../../ui/publish_action.py" line="83"/>
        <source>发布结果</source>
        <translation>Publishing result</translation>
    </message>
</context>
<context>
    <name>RegistryActions</name>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="23"/>
        <source>新增人员(&amp;N)…</source>
        <extracomment>(button text, description) of each action, in order</extracomment>
        <translation>Add perso&amp;n…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="24"/>
        <source>在本户登记一名持证残疾人</source>
        <translation>Register a certified person in this household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="27"/>
        <source>换证(&amp;Z)…</source>
        <translation>New certificate (&amp;Z)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="28"/>
        <source>等级或类别变更后为所选残疾人登记新证，旧证保留</source>
        <translation>Register a new certificate for the selected person after a grade or category change; the old one is kept</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="31"/>
        <source>迁移(&amp;U)…</source>
        <translation>Move (&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="32"/>
        <source>把所选残疾人迁到另一户或另一村/社区</source>
        <translation>Move the selected person to another household or village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="68"/>
        <source>请先选择</source>
        <translation>Choose first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="68"/>
        <source>请先在残疾人列表中选择一人</source>
        <translation>Choose a person in the list of persons first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="72"/>
        <source>已注销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_actions.py" line="72"/>
        <source>%s已注销，不能换证或迁移</source>
        <translation>%s is cancelled: no new certificate or move</translation>
    </message>
</context>
<context>
    <name>RegistryDialogs</name>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="40"/>
        <source>性别和出生日期由身份证号自动得出</source>
        <translation>Sex and birth date are taken from the ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="42"/>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="44"/>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="46"/>
        <source>由身份证号得出：%s，出生日期 %s</source>
        <translation>From the ID number: %s, born %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="60"/>
        <location filename="../../ui/pages/registry_dialogs.py" line="90"/>
        <source>残疾类别</source>
        <translation>Disability category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="61"/>
        <location filename="../../ui/pages/registry_dialogs.py" line="96"/>
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="65"/>
        <source>请选择%s</source>
        <translation>Choose the %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="80"/>
        <source>18位身份证号，加残疾类别（1-7）和等级（1-4）；补发证再加B和一位数字</source>
        <translation>The 18-character ID number, then the category (1-7) and the grade (1-4); a reissued card adds B and one digit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="87"/>
        <source>残疾人证号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="111"/>
        <source>现居住地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="113"/>
        <source>村/社区</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="115"/>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="117"/>
        <source>户口性质</source>
        <translation>Hukou type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="119"/>
        <source>户主姓名</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="122"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="124"/>
        <source>11位手机号，或带区号的固定电话</source>
        <translation>An 11-digit mobile number, or a landline with its area code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="132"/>
        <source>新增户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="144"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="149"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="151"/>
        <source>18位，最后一位可以是X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="154"/>
        <source>发证日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="156"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="158"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="165"/>
        <source>新增残疾人</source>
        <translation>New person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="183"/>
        <source>发证日期不能晚于今天</source>
        <translation>The issue date cannot be later than today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="188"/>
        <source>新证发证日期</source>
        <translation>Issue date of the new certificate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="200"/>
        <source>此人还没有登记残疾人证</source>
        <translation>This person has no certificate registered yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="201"/>
        <source>现有证：%s（%s类%s级），换证后保留在证件记录中，注明起止日期</source>
        <translation>Current certificate: %s (category %s, grade %s); it stays in the certificate history with its dates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/registry_dialogs.py" line="216"/>
        <source>为 %s 换证</source>
        <translation>New certificate for %s</translation>
    </message>
</context>
<context>
    <name>RepeatField</name>
    <message>
        <location filename="../../ui/forms/table.py" line="111"/>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../ui/forms/table.py" line="112"/>
        <source>删除所选行</source>
        <translation>Delete selected row</translation>
    </message>
    <message>
        <location filename="../../ui/forms/table.py" line="121"/>
        <source>为所选行添加%s…</source>
        <translation>Add %s to the selected row…</translation>
    </message>
    <message>
        <source>%s：添加一行</source>
        <translation type="vanished">%s: add row</translation>
    </message>
    <message>
        <source>%s：删除所选行</source>
        <translation type="vanished">%s: delete selected row</translation>
    </message>
    <message>
        <source>%s：%s</source>
        <translation type="vanished">%s: %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/table.py" line="187"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <source>照片 (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp)</source>
        <translation type="vanished">Photos (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp)</translation>
    </message>
</context>
<context>
    <name>RepeatModel</name>
    <message numerus="yes">
        <location filename="../../ui/forms/repeat.py" line="117"/>
        <source>%n 张</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/forms/repeat.py" line="95"/>
        <source>不适用</source>
        <extracomment>the raw answer of a cell (a code for a choice), for editors the member changed a cell, added or removed a row</extracomment>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/forms/repeat.py" line="97"/>
        <source>%s（错误：%s）</source>
        <translation>%s (error: %s)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/repeat.py" line="97"/>
        <source>%s（提醒：%s）</source>
        <translation>%s (warning: %s)</translation>
    </message>
</context>
<context>
    <name>ResponseCopies</name>
    <message>
        <location filename="../../ui/print_commands.py" line="133"/>
        <source>打印档案联(&amp;K)…</source>
        <translation>Print file copy (&amp;K)…</translation>
    </message>
    <message>
        <source>打印档案联</source>
        <translation type="vanished">Print file copy</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="135"/>
        <source>一人一档的纸质档案用：证件号码完整，打印记入日志</source>
        <translation>For the person&apos;s paper file: full ID numbers; the print is logged</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="137"/>
        <source>打印工作联(&amp;G)…</source>
        <translation>Print shared copy (&amp;G)…</translation>
    </message>
    <message>
        <source>打印工作联</source>
        <translation type="vanished">Print shared copy</translation>
    </message>
    <message>
        <location filename="../../ui/print_commands.py" line="138"/>
        <source>证件号码部分隐藏；未完成的表印作预填表</source>
        <translation>ID numbers partly hidden; a form not done prints pre-filled</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="36"/>
        <source>备份文件不完整或已损坏，无法恢复。本机数据未作任何改动。</source>
        <extracomment>the refusals of a restore, by class name, in the words of the screen</extracomment>
        <translation>The backup file is incomplete or damaged and cannot be restored. Nothing on this laptop was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="39"/>
        <source>密码错误：这个密码打不开此备份。本机数据未作任何改动。</source>
        <translation>Wrong password: this password does not open the backup. Nothing on this laptop was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="42"/>
        <source>这是用户 %1 的备份，本机的数据属于用户 %2，不能恢复。本机数据未作任何改动。</source>
        <translation>This is a backup of user %1; the data on this laptop belongs to user %2, so it cannot be restored here. Nothing on this laptop was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="46"/>
        <source>此备份由更新版本的入户走访助手创建，请先升级程序。本机数据未作任何改动。</source>
        <translation>This backup was made by a newer version of Fieldvisit; please upgrade the program first. Nothing on this laptop was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="198"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="206"/>
        <source>选择备份文件，输入备份时的密码。程序先完整检查备份文件，检查通过后才替换本机数据；本机原有的数据另存在数据文件夹里，不会删除。</source>
        <translation>Choose the backup file and enter the password it was made with. The whole file is checked first; only then is this laptop&apos;s data replaced. The data already on this laptop is kept aside in the data folder, not deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="212"/>
        <source>备份文件</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="213"/>
        <source>选择文件(&amp;B)…</source>
        <translation>&amp;Browse for file…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="217"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="219"/>
        <source>备份文件(&amp;F)：</source>
        <translation>Backup &amp;file:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="221"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="228"/>
        <source>检查并恢复(&amp;R)</source>
        <translation>Check and &amp;restore</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="231"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="248"/>
        <source>选择备份文件</source>
        <translation>Choose the backup file</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="250"/>
        <source>入户走访助手备份 (*%s)</source>
        <translation>Fieldvisit backups (*%s)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="264"/>
        <source>请选择备份文件（找不到：%s）</source>
        <translation>Please choose the backup file (not found: %s)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="268"/>
        <source>请输入密码</source>
        <translation>Please enter the password</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="271"/>
        <source>正在检查备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="305"/>
        <source>磁盘空间不足，无法恢复。本机数据未作任何改动。</source>
        <translation>Not enough disk space to restore. Nothing on this laptop was changed.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="308"/>
        <source>无法恢复：%s。本机数据未作任何改动。</source>
        <translation>Cannot restore: %s. Nothing on this laptop was changed.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../ui/pages/review.py" line="60"/>
        <source>退回给专职委员</source>
        <translation>Return to the committee member</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="61"/>
        <source>退回 %s 的原因(&amp;R)：</source>
        <translation>&amp;Reason for returning %s:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="64"/>
        <source>退回原因</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="65"/>
        <source>必填：专职委员会看到这段说明</source>
        <translation>Required: the committee member will see this text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="70"/>
        <source>退回(&amp;T)</source>
        <translation>Re&amp;turn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="73"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>退回</source>
        <translation type="vanished">Return</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/pages/review.py" line="97"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="110"/>
        <source>待审核的表</source>
        <translation>Forms to review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="119"/>
        <source>待审核(&amp;Q)</source>
        <translation>Review &amp;queue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="129"/>
        <source>与去年不同的答案</source>
        <translation>Answers that differ from last year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="132"/>
        <source>与去年不同的答案(&amp;D)</source>
        <translation>&amp;Differences from last year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="170"/>
        <source>调查表(&amp;B)</source>
        <translation>Survey forms (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="171"/>
        <source>变动核对(&amp;C)</source>
        <translation>&amp;Change checks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="175"/>
        <source>通过(&amp;A)</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="176"/>
        <source>退回(&amp;R)…</source>
        <translation>&amp;Return…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="177"/>
        <source>刷新(&amp;U)</source>
        <translation>R&amp;efresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="204"/>
        <source>只有审核员和管理员可以审核</source>
        <translation>Only reviewers and administrators can review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="213"/>
        <source>待审核 %d 份</source>
        <translation>%d forms to review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="249"/>
        <source>没有选中的表</source>
        <translation>No form selected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="254"/>
        <source>%s · %s · %s（%s）</source>
        <translation>%s · %s · %s (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="257"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="258"/>
        <source>填表人已确认的提醒：%s</source>
        <translation>Warnings confirmed by the member who filled it in: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="271"/>
        <source>%s：去年 %s → 今年 %s</source>
        <translation>%s: last year %s → this year %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="277"/>
        <source>与去年相同，没有不同的答案</source>
        <translation>Same as last year; no answers differ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="330"/>
        <source>已通过</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="355"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="367"/>
        <source>%s：%s；还有 %d 份待审核</source>
        <translation>%s: %s; %d more to review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review.py" line="381"/>
        <source>出错了：%s</source>
        <translation>Something went wrong: %s</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="33"/>
        <source>动态更新调查表</source>
        <extracomment>the forms&apos; short names (translated by ReviewQueueModel.tr when shown)</extracomment>
        <translation>Dynamic-update survey</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="34"/>
        <source>家庭收入监测表</source>
        <translation>Household income monitoring</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="128"/>
        <source>村/社区</source>
        <extracomment>(attribute, header): the headers are translated when shown</extracomment>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="129"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="130"/>
        <source>表</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="131"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="132"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/review_queue.py" line="133"/>
        <source>填表人</source>
        <translation>Filled in by</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <location filename="../../ui/rows_model.py" line="65"/>
        <source>%s：%s</source>
        <extracomment>rows of one line a page&apos;s main list keeps room for, at any text size (at 200 % on a 1366×768 screen the 管理 users tab had room for three; tests/ui/test_low_vision.py)</extracomment>
        <translation>%s: %s</translation>
    </message>
</context>
<context>
    <name>SamePasswordDialog</name>
    <message>
        <location filename="../../ui/same_password.py" line="36"/>
        <source>让本机密码和服务器密码一样</source>
        <extracomment>the laptop&apos;s password is now the server&apos;s</extracomment>
        <translation>Make this laptop&apos;s password the server&apos;s</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="39"/>
        <source>刚才登录服务器用的密码，和打开这台电脑上数据用的密码不一样了（多半是管理员在服务器上重置了密码）。
两个密码容易记混：打开程序要用本机密码，同步要用服务器密码。
改成一样以后，打开程序和同步都用刚才输入的密码。本机的数据会用这个密码重新加密，什么都不会丢。
请输入这台电脑现在的密码（打开程序时输入的那个）确认：</source>
        <translation>The password you just used to sign in to the server is not the one that opens the data on this laptop (most likely an administrator reset it on the server).
Two passwords are easy to mix up: opening the program takes the laptop&apos;s password, syncing takes the server&apos;s.
Made the same, both take the password you just typed. This laptop&apos;s data is encrypted again under it; nothing is lost.
To confirm, type this laptop&apos;s current password (the one you type to open the program):</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="51"/>
        <source>本机现在的密码</source>
        <translation>This laptop&apos;s current password</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="52"/>
        <source>本机现在的密码(&amp;P)：</source>
        <translation>This laptop&apos;s current &amp;password:</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="57"/>
        <source>改成一样(&amp;G)</source>
        <translation>Make them the same (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="60"/>
        <source>暂不更改(&amp;N)</source>
        <translation>&amp;Not now</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="82"/>
        <source>请输入这台电脑现在的密码</source>
        <translation>Please type this laptop&apos;s current password</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="91"/>
        <source>正在用新密码重新加密本机数据……</source>
        <translation>Encrypting this laptop&apos;s data under the new password…</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="103"/>
        <source>这不是本机现在的密码，请再输入一次；密码没有更改</source>
        <translation>That is not this laptop&apos;s current password; please type it again. Nothing was changed</translation>
    </message>
    <message>
        <location filename="../../ui/same_password.py" line="105"/>
        <source>密码没有更改：%s</source>
        <translation>The password was not changed: %s</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="36"/>
        <source>文字大小</source>
        <extracomment>the preferences changed (the main window applies them)</extracomment>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="39"/>
        <source>高对比度（黑底白字）(&amp;H)</source>
        <translation>&amp;High contrast (white on black)</translation>
    </message>
    <message>
        <source>高对比度</source>
        <translation type="vanished">High contrast</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="42"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="43"/>
        <source>从不</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="44"/>
        <source>无操作自动锁定时间</source>
        <translation>Lock after this long without use</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="45"/>
        <source>0 表示从不自动锁定</source>
        <translation>0 means never lock automatically</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="47"/>
        <source>界面语言</source>
        <translation>Display language</translation>
    </message>
    <message>
        <source>提示</source>
        <translation type="vanished">Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="51"/>
        <source>应用(&amp;A)</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="52"/>
        <source>应用设置</source>
        <translation>Apply settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="55"/>
        <source>备份数据(&amp;B)…</source>
        <translation>&amp;Back up data…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="57"/>
        <source>把本机的记录、照片和密钥信息备份成一个加密文件，例如存到U盘</source>
        <translation>Back up this laptop&apos;s records, photos and key information into one encrypted file, for example on a USB stick</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="79"/>
        <source>数据备份：恢复时在解锁界面选择“从备份恢复”。</source>
        <translation>Data backup: to restore, choose “Restore from backup” on the unlock screen.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="106"/>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="107"/>
        <source>语言将在重新启动后生效。</source>
        <translation> The language changes when the program restarts.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="63"/>
        <source>文字大小(&amp;Z)：</source>
        <translation>Text si&amp;ze:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="28"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="65"/>
        <source>自动锁定(&amp;L)：</source>
        <translation>Auto &amp;lock:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="66"/>
        <source>语言(&amp;N)：</source>
        <translation>La&amp;nguage:</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="246"/>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="255"/>
        <source> 元</source>
        <translation> yuan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="257"/>
        <source>%s 的实际费用（元）</source>
        <translation>Actual cost of %s (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="259"/>
        <source>预算 %s 元</source>
        <translation>Budget %s yuan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="270"/>
        <location filename="../../ui/pages/case_plan.py" line="271"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="271"/>
        <source>理由(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="272"/>
        <source>结算超过上限时必填</source>
        <translation>Required if the settlement exceeds the cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="283"/>
        <source>实际合计 %s 元，每户上限 %s 元</source>
        <translation>Actual total %s yuan, cap per household %s yuan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="286"/>
        <source>超过上限：须填写理由</source>
        <translation>Over the cap: a reason is required</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_plan.py" line="246"/>
        <source>填写每个项目的实际费用（元）。</source>
        <translation>Enter the actual cost of each item (yuan).</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <location filename="../../ui/forms/media.py" line="81"/>
        <source>清除签字</source>
        <extracomment>every save in flight has ended (the answer is final)</extracomment>
        <translation>Clear signature</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="102"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="102"/>
        <source>未签字</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="117"/>
        <source>已签字（签字图片不在本机）</source>
        <translation>Signed (the signature image is not on this computer)</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="123"/>
        <source>%s：签字板</source>
        <translation>%s: signature pad</translation>
    </message>
    <message>
        <source>%s：清除签字</source>
        <translation type="vanished">%s: clear signature</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="145"/>
        <source>正在保存签字…</source>
        <translation>Saving the signature…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="151"/>
        <source>签字没有保存：%s</source>
        <translation>Signature not saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/forms/media.py" line="154"/>
        <source>已签字，已保存</source>
        <translation>Signed and saved</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../ui/forms/signature.py" line="36"/>
        <source>请在此处签名</source>
        <translation>Sign here</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="42"/>
        <source>签字板</source>
        <translation>Signature pad</translation>
    </message>
    <message>
        <location filename="../../ui/forms/signature.py" line="44"/>
        <source>用鼠标、手写笔或手指在此签名；无法签字时请填写未签字的原因</source>
        <translation>Sign here with the mouse, a pen or a finger; if the person cannot sign, give the reason there is no signature</translation>
    </message>
</context>
<context>
    <name>StateCountsModel</name>
    <message>
        <location filename="../../ui/pages/cases.py" line="149"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="151"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="153"/>
        <source>%s（%d）</source>
        <translation>%s (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases.py" line="155"/>
        <source>%s：%d 个个案</source>
        <translation>%s: %d cases</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/pages/stats.py" line="58"/>
        <source>村/社区</source>
        <extracomment>the figure that drills down by area (the first figure with drill codes if it is missing)</extracomment>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="59"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="60"/>
        <source>残疾人</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="61"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="73"/>
        <source>统计</source>
        <extracomment>the most rows the table asks room for (more scroll inside it) how long the page waits after a change of date before counting again</extracomment>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="92"/>
        <source>统计范围</source>
        <extracomment>the figures of the chosen area have been read and shown reads the figures (off the UI thread): a test may wrap it to hold the reading</extracomment>
        <translation>Area counted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="93"/>
        <source>区、镇街或村社区</source>
        <translation>District, town or village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="98"/>
        <source>范围(&amp;A)：</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="101"/>
        <source>调查年度</source>
        <translation>Survey year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="104"/>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="107"/>
        <source>统计截至日期</source>
        <translation>Counted as of</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="108"/>
        <source>截至(&amp;D)：</source>
        <translation>As of &amp;date:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="125"/>
        <source>上一级(&amp;U)</source>
        <translation>&amp;Up one level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="128"/>
        <source>重新统计(&amp;S)</source>
        <translation>Count again (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="133"/>
        <source>打印报表(&amp;R)</source>
        <translation>P&amp;rint report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="135"/>
        <source>本页所选区域、年度和日期的调查进度周报或年度统计报表，先预览</source>
        <translation>The weekly progress report or the annual statistics of the area, year and date chosen on this page, previewed first</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="138"/>
        <source>打印报表</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="139"/>
        <source>调查进度周报(&amp;W)</source>
        <translation>&amp;Weekly progress report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="141"/>
        <source>年度统计报表(&amp;N)</source>
        <translation>A&amp;nnual statistics report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="148"/>
        <source>导出数据(&amp;E)…</source>
        <translation>&amp;Export data…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="150"/>
        <source>把本页所选区域和年度的数据导出为 Excel 或 CSV 文件</source>
        <translation>Export the data of this page&apos;s area and year to an Excel or CSV file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="158"/>
        <source>统计进度</source>
        <translation>Counting progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="166"/>
        <source>图表目录</source>
        <translation>List of figures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="168"/>
        <source>先是进度，后是统计；选中一项，右边显示它的表格和图；回车进入表格</source>
        <translation>Progress first, then statistics; the chosen item&apos;s table and chart show on the right; Enter goes into the table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="172"/>
        <source>图表(&amp;G)：</source>
        <translation>Fi&amp;gures:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="186"/>
        <source>统计表</source>
        <translation>Statistics table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="273"/>
        <source>位置：%s</source>
        <translation>Where: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="349"/>
        <source>没有分配给您的区域，无法统计。</source>
        <translation>No area is assigned to you: there is nothing to count.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="359"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="375"/>
        <source>统计没有完成：%s</source>
        <translation>The counting did not finish: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="409"/>
        <source>%1年%2月%3日</source>
        <translation>%1/%2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="445"/>
        <source>待调查的人（%d 人）</source>
        <translation>Persons still due (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="398"/>
        <source>%s %s 年度，截至 %s：%d 张表</source>
        <translation>%s, %s round, as of %s: %d tables</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="447"/>
        <source>本年度动态更新调查还没有完成的人，按地址排列；回车打开这一户</source>
        <translation>Persons whose dynamic update survey of the year is not done yet, by address; Enter opens the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="449"/>
        <source>回车打开这个人的户</source>
        <translation>Enter opens this person&apos;s household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="460"/>
        <source>回车进入所选的区域</source>
        <translation>Enter goes into the chosen area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="464"/>
        <source>图：%s，数字见表格。</source>
        <translation>Chart: %s; the numbers are in the table.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="466"/>
        <source>图：%s</source>
        <translation>Chart: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="467"/>
        <source>图中的数字都在表格“%s”里</source>
        <translation>Every number of the chart is in the table “%s”</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="78"/>
        <source>确认理由</source>
        <extracomment>the user asked to save: the page runs the step and calls `failed` or `accept`</extracomment>
        <translation>Reason to proceed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="79"/>
        <source>继续办理须写明为何仍然办理</source>
        <translation>To go on, write why the step is still taken</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="80"/>
        <source>确认理由(&amp;K)：</source>
        <translation>Reason to &amp;proceed:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="87"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="vanished">Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="90"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="143"/>
        <source>没有保存：%s</source>
        <translation>Not saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="148"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/case_dialogs.py" line="152"/>
        <source>没有保存：请填写确认理由后再保存</source>
        <translation>Not saved: give the reason to proceed, then save again</translation>
    </message>
</context>
<context>
    <name>SubsidyChecksPage</name>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="29"/>
        <source>村/社区</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="30"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="31"/>
        <source>提醒</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="35"/>
        <source>全部提醒</source>
        <extracomment>the kinds of warning to filter by: (issue codes, words), translated when shown</extracomment>
        <translation>All warnings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="36"/>
        <source>已注销仍在发放</source>
        <translation>Paid though cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="39"/>
        <source>符合条件未领取</source>
        <translation>Qualifies but not paid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="48"/>
        <source>不符合条件仍在领取</source>
        <translation>Paid though not qualifying</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="52"/>
        <source>银行账号缺失或有误</source>
        <translation>Bank account missing or wrong</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="68"/>
        <source>补贴提醒</source>
        <translation>Subsidy warnings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="78"/>
        <source>提醒类型</source>
        <translation>Kind of warning</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="80"/>
        <source>提醒类型(&amp;K)：</source>
        <translation>&amp;Kind of warning:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="83"/>
        <source>有补贴提醒的残疾人</source>
        <translation>Persons with subsidy warnings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="84"/>
        <source>回车或双击打开此人所在的户</source>
        <translation>Enter or double-click opens the person&apos;s household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="86"/>
        <source>有补贴提醒的残疾人(&amp;L)</source>
        <translation>Persons with subsidy warnings (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="92"/>
        <source>刷新(&amp;U)</source>
        <translation>Refresh (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="129"/>
        <source>有补贴提醒的 %d 人</source>
        <translation>%d persons with subsidy warnings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_checks.py" line="142"/>
        <source>出错了：%s</source>
        <translation>Something went wrong: %s</translation>
    </message>
</context>
<context>
    <name>SubsidyDialogs</name>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="23"/>
        <source>%s不能为空</source>
        <translation>%s must not be empty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="35"/>
        <source>申请的补贴</source>
        <translation>Subsidy applied for</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="38"/>
        <source>按本年度、本区域的设置列出补贴、对象组和月标准</source>
        <translation>The subsidies, groups and monthly standards of this year&apos;s settings for this area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="43"/>
        <source>申请说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="44"/>
        <source>如：本人申请、监护人代为申请</source>
        <translation>e.g. applied in person, or by the guardian</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="47"/>
        <source>为 %s 申请补贴</source>
        <translation>Apply for a subsidy for %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="56"/>
        <source>办理意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="57"/>
        <source>如：材料齐全、已入户核实</source>
        <translation>e.g. papers complete, checked at home</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="60"/>
        <source>%s：%s 的补贴申请</source>
        <translation>%s: the subsidy application of %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="69"/>
        <source>批准日期不能晚于今天</source>
        <translation>The decision date cannot be after today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="74"/>
        <source>批准文号</source>
        <translation>Decision number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="78"/>
        <source>批准日期</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="81"/>
        <source>从批准的次月开始发放</source>
        <translation>Paid from the month after the decision</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="84"/>
        <source>审定意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="86"/>
        <source>审定：%s 的补贴申请</source>
        <translation>Decide: the subsidy application of %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="92"/>
        <source>不予批准的原因</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="94"/>
        <source>不予批准：%s 的补贴申请</source>
        <translation>Refuse: the subsidy application of %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="107"/>
        <source>月份应写成年-月，如 2026-12</source>
        <translation>Write the month as year-month, e.g. 2026-12</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="113"/>
        <source>停发的补贴</source>
        <translation>Subsidy to stop</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="120"/>
        <source>停发原因</source>
        <translation>Reason stopped</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="127"/>
        <source>最后发放月份</source>
        <translation>Last month paid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="129"/>
        <source>发放到事由发生的当月（含），次月起停发；写成年-月，如 2026-12</source>
        <translation>Paid up to and including the month of the event, stopped from the next; write year-month, e.g. 2026-12</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="133"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="135"/>
        <source>停发 %s 的补贴</source>
        <translation>Stop a subsidy of %s</translation>
    </message>
</context>
<context>
    <name>SubsidyPanel</name>
    <message>
        <location filename="../../ui/pages/subsidy_dialogs.py" line="149"/>
        <location filename="../../ui/pages/subsidy_panel.py" line="65"/>
        <source>受理</source>
        <translation>Taken in</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="44"/>
        <source>补贴</source>
        <translation>Subsidy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="45"/>
        <source>对象组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="46"/>
        <source>起始月</source>
        <translation>First month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="47"/>
        <source>停发月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="48"/>
        <source>月金额（元）</source>
        <translation>Monthly amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="49"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="50"/>
        <source>停发原因</source>
        <translation>Reason stopped</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="51"/>
        <source>批准日期</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="52"/>
        <source>批准文号</source>
        <translation>Decision number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="53"/>
        <source>办理记录</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="57"/>
        <source>受理(&amp;T)…</source>
        <extracomment>the forward step&apos;s button text (translated when shown)</extracomment>
        <translation>Take in (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="58"/>
        <source>审核(&amp;T)…</source>
        <translation>Review (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="59"/>
        <source>审定(&amp;T)…</source>
        <translation>Decide (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="61"/>
        <source>办理(&amp;T)…</source>
        <translation>Next step (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="64"/>
        <source>申请</source>
        <extracomment>the steps&apos; names as shown (app.domain.subsidy_steps.STEP_LABELS, translated when shown)</extracomment>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="66"/>
        <source>审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="67"/>
        <source>审定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="68"/>
        <source>不予批准</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="69"/>
        <source>停发</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="110"/>
        <location filename="../../ui/pages/subsidy_panel.py" line="209"/>
        <source>补贴提醒：%s</source>
        <translation>Subsidy warnings: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="125"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="142"/>
        <source>补贴记录</source>
        <translation>Subsidies</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="148"/>
        <source>补贴记录(&amp;L)</source>
        <translation>Subsidies (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="155"/>
        <source>申请补贴(&amp;S)…</source>
        <translation>Apply for a subsi&amp;dy…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="156"/>
        <source>为所选残疾人申请生活补贴或护理补贴</source>
        <translation>Apply for the living or care subsidy for the selected person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="162"/>
        <source>办理所选申请的下一步：受理、审核或审定</source>
        <translation>Take the selected application&apos;s next step: take in, review or decide</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="167"/>
        <source>不予批准(&amp;X)…</source>
        <translation>Refuse (&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="168"/>
        <source>所选申请不予批准，须填写原因</source>
        <translation>Refuse the selected application, with the reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="173"/>
        <source>停发补贴(&amp;O)…</source>
        <translation>St&amp;op a subsidy…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="174"/>
        <source>停发正在发放的补贴，须填写原因和最后发放月份</source>
        <translation>Stop a running subsidy, with the reason and the last month paid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="216"/>
        <source>收款账户：%s</source>
        <translation>Paid into: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="216"/>
        <source>（未登记）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="255"/>
        <source>办理记录：%s</source>
        <translation>Steps: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="274"/>
        <source>没有保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="290"/>
        <source>%s · %s · %s元/月</source>
        <translation>%s · %s · %s yuan a month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="296"/>
        <source>（符合）</source>
        <translation> (qualifies)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="307"/>
        <source>没有补贴设置</source>
        <translation>No subsidy settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/subsidy_panel.py" line="307"/>
        <source>设置文件中没有本年度的补贴对象和标准</source>
        <translation>The settings file has no subsidy groups and standards for this year</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>服务器</source>
        <translation type="vanished">Server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="75"/>
        <source>同步(&amp;S)</source>
        <extracomment>a sync the network breaks off goes on by itself after these pauses (seconds); each request is retried first, waiting backoff, 2 x backoff, ... (the transport&apos;s) the offer to make the laptop&apos;s password the server&apos;s, when last made</extracomment>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>同步</source>
        <translation type="vanished">Sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="77"/>
        <source>取消(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="78"/>
        <source>取消同步</source>
        <translation>Cancel the sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="81"/>
        <source>尚未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>同步进度</source>
        <translation type="vanished">Sync progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="83"/>
        <source>同步进度条</source>
        <translation>Sync progress bar</translation>
    </message>
    <message>
        <source>同步结果</source>
        <translation type="vanished">Sync result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="87"/>
        <source>密码（重新登录）</source>
        <translation>Password (log in again)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="88"/>
        <source>设备被停用或登录失效时，输入密码重新登录</source>
        <translation>If the device was suspended or the login expired, enter your password to log in again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="89"/>
        <source>重新登录(&amp;L)</source>
        <translation>&amp;Log in again</translation>
    </message>
    <message>
        <source>重新登录</source>
        <translation type="vanished">Log in again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="93"/>
        <source>同步回执</source>
        <translation>Sync receipt</translation>
    </message>
    <message>
        <source>打印回执(&amp;P)</source>
        <translation type="vanished">&amp;Print receipt</translation>
    </message>
    <message>
        <source>打印回执</source>
        <translation type="vanished">Print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="94"/>
        <source>打印回执(&amp;H)</source>
        <translation>Pr&amp;int receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="111"/>
        <source>上次同步回执：</source>
        <translation>Receipt of the last sync:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="131"/>
        <source>服务器：%s</source>
        <translation>Server: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="131"/>
        <source>本机尚未连接服务器</source>
        <translation>This computer is not connected to a server yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="134"/>
        <source>还没有同步过</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="167"/>
        <source>正在同步……</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="175"/>
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync.py" line="187"/>
        <source>同步完成；有 %n 张照片已损坏，未上传，请看回执</source>
        <translation>
            <numerusform>Sync done; %n photo is damaged and was not sent: see the receipt</numerusform>
            <numerusform>Sync done; %n photos are damaged and were not sent: see the receipt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="190"/>
        <source>同步完成</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="198"/>
        <source>同步已取消，下次同步会从中断处继续</source>
        <translation>Sync cancelled; the next sync continues where this one stopped</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="200"/>
        <source>%s（请输入密码重新登录）</source>
        <translation>%s (enter your password to log in again)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="204"/>
        <source>同步出错：%s</source>
        <translation>Sync failed: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="220"/>
        <source>已重新登录，可以同步</source>
        <translation>Logged in again; you can sync now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync.py" line="230"/>
        <source>已重新登录；本机密码已改成和服务器一样</source>
        <translation>Signed in again; this laptop&apos;s password is now the server&apos;s</translation>
    </message>
    <message>
        <source>上传照片</source>
        <translation type="vanished">Uploading photos</translation>
    </message>
    <message>
        <source>发送修改</source>
        <translation type="vanished">Sending changes</translation>
    </message>
    <message>
        <source>接收修改</source>
        <translation type="vanished">Receiving changes</translation>
    </message>
    <message>
        <source>下载照片</source>
        <translation type="vanished">Downloading photos</translation>
    </message>
</context>
<context>
    <name>TaskReview</name>
    <message>
        <location filename="../../ui/pages/task_review.py" line="27"/>
        <source>村/社区</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="28"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="29"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="30"/>
        <source>核实结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="31"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="32"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="51"/>
        <source>待审核的变动核对</source>
        <extracomment>the shown task changed: True when there is one to accept or return a line for the page&apos;s status (text)</extracomment>
        <translation>Change checks to review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="52"/>
        <source>Ctrl+Enter 通过并执行处理，Ctrl+R 退回</source>
        <translation>Ctrl+Enter accepts and applies what follows, Ctrl+R returns</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="54"/>
        <source>待审核的核实结果(&amp;Q)</source>
        <translation>Outcomes to review (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="123"/>
        <source>已通过并执行处理：%s</source>
        <translation>Accepted and applied: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="134"/>
        <source>已退回：%s</source>
        <translation>Returned: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_review.py" line="147"/>
        <source>出错了：%s</source>
        <translation>Something went wrong: %s</translation>
    </message>
</context>
<context>
    <name>TaskSides</name>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="32"/>
        <source>日期不详</source>
        <translation>date unknown</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="35"/>
        <source>名单上的姓名：%s</source>
        <translation>name on the list: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="38"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="39"/>
        <source>（没有变动行）</source>
        <translation>(no change rows)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="45"/>
        <source>姓名：%s</source>
        <translation>Name: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="46"/>
        <source>身份证号：%s</source>
        <translation>ID number: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="47"/>
        <source>状态：%s</source>
        <translation>Status: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="48"/>
        <source>村/社区：%s %s</source>
        <translation>Village/community: %s %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="49"/>
        <source>残疾类别和等级：%s %s</source>
        <translation>Disability category and grade: %s %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="52"/>
        <source>补贴：无</source>
        <translation>Subsidies: none</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="55"/>
        <source>至今</source>
        <translation>now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="57"/>
        <source>%s：%s，%s 起至 %s，每月 %s 元</source>
        <translation>%s: %s, from %s to %s, %s yuan a month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="67"/>
        <source>尚未核实；到期日 %s</source>
        <translation>Not checked yet; due %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="70"/>
        <source>核实结果：%s；方式：%s；日期：%s；核实人：%s</source>
        <translation>Outcome: %s; method: %s; date: %s; checked by: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="76"/>
        <source>理由或说明：%s</source>
        <translation>Reason or note: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="78"/>
        <source>通过后执行：%s</source>
        <translation>On acceptance: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="80"/>
        <source>通过后不变更登记信息</source>
        <translation>Acceptance changes nothing in the registry</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="82"/>
        <source>退回原因：%s</source>
        <translation>Returned because: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="91"/>
        <source>变动来源所说</source>
        <translation>What the source says</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="92"/>
        <source>登记信息</source>
        <translation>What the registry says</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="93"/>
        <source>核实情况</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="98"/>
        <source>来源所说(&amp;Y)</source>
        <translation>What the source sa&amp;ys</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="99"/>
        <source>登记信息(&amp;I)</source>
        <translation>What the reg&amp;istry says</translation>
    </message>
    <message>
        <location filename="../../ui/pages/task_sides.py" line="106"/>
        <source>核实情况(&amp;J)</source>
        <translation>Check (&amp;J)</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../ui/pages/tasks.py" line="46"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="47"/>
        <source>村/社区</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="48"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="49"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="50"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="51"/>
        <location filename="../../ui/pages/tasks.py" line="137"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="52"/>
        <location filename="../../ui/pages/tasks.py" line="134"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="56"/>
        <source>待办（待核实、已退回）</source>
        <extracomment>the state filter: (its text, the states it keeps)</extracomment>
        <translation>To do (to check, returned)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="57"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="58"/>
        <source>待核实</source>
        <translation>To check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="59"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="60"/>
        <source>待审核</source>
        <translation>To review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="61"/>
        <source>已通过</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="93"/>
        <source>%s 的新户</source>
        <translation>New household in %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="102"/>
        <source>变动日期不能晚于今天</source>
        <translation>The date of the change cannot be after today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="107"/>
        <source>变动类型</source>
        <translation>Kind of change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="108"/>
        <source>变动日期</source>
        <translation>Date of the change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="109"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="111"/>
        <source>报告变动：%s</source>
        <translation>Report a change: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="118"/>
        <source>变动核对</source>
        <translation>Change checks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="135"/>
        <location filename="../../ui/pages/tasks.py" line="257"/>
        <source>全部月份</source>
        <translation>All months</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="144"/>
        <source>月份(&amp;M)：</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="145"/>
        <source>状态(&amp;T)：</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="155"/>
        <source>核对任务(&amp;K)</source>
        <translation>Tas&amp;ks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="158"/>
        <source>核对任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="160"/>
        <source>按到期日排列；回车打开此人所在的户</source>
        <translation>By due date; Enter opens the person&apos;s household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="168"/>
        <source>核实(&amp;E)…</source>
        <translation>R&amp;ecord outcome…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="169"/>
        <source>报告变动(&amp;B)…</source>
        <translation>Report a change (&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="170"/>
        <source>打开此人(&amp;O)</source>
        <translation>&amp;Open the person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="171"/>
        <source>刷新(&amp;U)</source>
        <translation>Refresh (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="237"/>
        <source>共 %d 条核对任务，逾期 %d 条</source>
        <translation>%d tasks, %d overdue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="248"/>
        <source>%s（逾期）</source>
        <translation>%s (overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="302"/>
        <source>%s（%s）：%s</source>
        <translation>%s (%s): %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="305"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="325"/>
        <source>核实结果已提交，等待审核</source>
        <translation>Outcome submitted, waiting for review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="344"/>
        <source>变动已报告，列入本月核对任务</source>
        <translation>Change reported, added to this month&apos;s tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks.py" line="361"/>
        <source>出错了：%s</source>
        <translation>Something went wrong: %s</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>问候</source>
        <extracomment>the season&apos;s progress has been counted and shown</extracomment>
        <translation type="vanished">Greeting</translation>
    </message>
    <message>
        <source>计划的走访</source>
        <extracomment>the season&apos;s progress has been counted and shown</extracomment>
        <translation type="vanished">Planned visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="132"/>
        <source>本年度动态更新调查进度</source>
        <translation>Dynamic-update survey progress this year</translation>
    </message>
    <message>
        <source>被退回的调查表</source>
        <translation type="vanished">Returned survey forms</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="107"/>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation type="vanished">Sync status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="84"/>
        <source>审核队列(&amp;R)</source>
        <extracomment>the season&apos;s progress has been counted and shown every list has been read and shown the list that has (or gets) the focus: reviewers start with their queue</extracomment>
        <translation>&amp;Review queue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="85"/>
        <source>打开审核队列</source>
        <translation>Open the review queue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="88"/>
        <source>查找户(&amp;H)</source>
        <translation>Find &amp;household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="89"/>
        <source>打开户列表</source>
        <translation>Open the list of households</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="91"/>
        <source>无障碍改造(&amp;G)</source>
        <translation>Renovation &amp;cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="92"/>
        <source>打开无障碍改造个案</source>
        <translation>Open the accessibility renovation cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="104"/>
        <source>在下面的列表里选中一行，按回车或双击打开。</source>
        <translation>Choose a row in the lists below and press Enter, or double-click, to open it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="164"/>
        <source>，其中逾期 %d 条</source>
        <translation>, %d of them overdue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="203"/>
        <source>%s，您好。今天是 %s。</source>
        <translation>Hello, %s. Today is %s.</translation>
    </message>
    <message>
        <source>被退回待修改：%d 份</source>
        <translation type="vanished">Returned, to correct: %d</translation>
    </message>
    <message>
        <source>草稿未完成：%d 份</source>
        <translation type="vanished">Unfinished drafts: %d</translation>
    </message>
    <message>
        <source>进行中的无障碍改造个案：%d 个</source>
        <translation type="vanished">Renovation cases in progress: %d</translation>
    </message>
    <message>
        <source>待核对的变动通知：%d 条</source>
        <translation type="vanished">Change notices to check: %d</translation>
    </message>
    <message>
        <source>待审核：%d 份</source>
        <translation type="vanished">To review: %d</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="225"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="229"/>
        <source>从未同步</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="231"/>
        <source>上次同步：%s；待发送的修改：%d 条</source>
        <translation>Last sync: %s; changes waiting to be sent: %d</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="233"/>
        <source>；被服务器拒绝、需要处理：%d 条</source>
        <translation>; refused by the server, to handle: %d</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="205"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="255"/>
        <source>⚠ 程序需要更新：%s</source>
        <translation>⚠ The program needs updating: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="257"/>
        <source>程序需要更新</source>
        <translation>The program needs updating</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="278"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="289"/>
        <source>共 %d 人，已完成 %d，失访 %d</source>
        <translation>%d persons, %d done, %d lost to follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="86"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="37"/>
        <location filename="../../ui/pages/today_lists.py" line="76"/>
        <location filename="../../ui/pages/today_lists.py" line="86"/>
        <location filename="../../ui/pages/today_lists.py" line="98"/>
        <location filename="../../ui/pages/today_lists.py" line="111"/>
        <location filename="../../ui/pages/today_lists.py" line="120"/>
        <location filename="../../ui/pages/today_lists.py" line="129"/>
        <location filename="../../ui/pages/today_lists.py" line="141"/>
        <location filename="../../ui/pages/today_lists.py" line="153"/>
        <source>村/社区</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="36"/>
        <source>动态更新调查表</source>
        <extracomment>short names of the forms (translated under TodayPage when shown)</extracomment>
        <translation>Dynamic update survey</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="37"/>
        <source>家庭收入监测表</source>
        <translation>Household income monitoring</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="39"/>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="73"/>
        <source>待审核（%d 份）</source>
        <extracomment>the lists in the order of the page (texts translated under TodayPage when shown)</extracomment>
        <translation>To review (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="75"/>
        <source>已提交、等待审核的表，先交的在前；回车或双击打开审核</source>
        <translation>Submitted forms waiting for review, oldest first; Enter or double-click opens the review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="77"/>
        <location filename="../../ui/pages/today_lists.py" line="121"/>
        <location filename="../../ui/pages/today_lists.py" line="130"/>
        <source>表</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="77"/>
        <location filename="../../ui/pages/today_lists.py" line="131"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="78"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="78"/>
        <source>填表人</source>
        <translation>Filled by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="83"/>
        <source>今天和未来七天计划的走访（%d 次）</source>
        <translation>Visits planned for today and the next seven days (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="85"/>
        <source>按日期排列；回车或双击打开这一户</source>
        <translation>By date; Enter or double-click opens the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="87"/>
        <location filename="../../ui/pages/today_lists.py" line="99"/>
        <location filename="../../ui/pages/today_lists.py" line="112"/>
        <location filename="../../ui/pages/today_lists.py" line="154"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="87"/>
        <location filename="../../ui/pages/today_lists.py" line="98"/>
        <location filename="../../ui/pages/today_lists.py" line="111"/>
        <location filename="../../ui/pages/today_lists.py" line="120"/>
        <location filename="../../ui/pages/today_lists.py" line="129"/>
        <location filename="../../ui/pages/today_lists.py" line="142"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="88"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="104"/>
        <source>本期收入监测待走访的户（%d 户）</source>
        <translation>Households of this round&apos;s income monitoring to visit (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="106"/>
        <source>本期收入监测样本户中家庭收入监测表还没有完成的户，按村和门牌号由近到远排列；回车或双击打开这一户</source>
        <translation>Households of this round&apos;s income-monitoring sample whose household income form is not done yet, nearest first by village and house number; Enter or double-click opens the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="112"/>
        <source>期次</source>
        <translation>Round</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="126"/>
        <source>草稿（%d 份）</source>
        <translation>Drafts (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="128"/>
        <source>填了一部分、还没有完成的表；回车或双击打开这一户</source>
        <translation>Forms partly filled in, not completed; Enter or double-click opens the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="135"/>
        <source>本月到期的变动核对（%d 条）</source>
        <translation>Change checks due this month (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="137"/>
        <source>有关部门通报或自己发现的变动，本月底前核实，逾期的在前；回车或双击打开核对任务</source>
        <translation>Changes reported by other agencies or found on visits, to check by the end of the month, overdue first; Enter or a double click opens the task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="141"/>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>待核对的变动通知（%d 条）</source>
        <translation type="vanished">Change notices to verify (%d)</translation>
    </message>
    <message>
        <source>有关部门通报的变动，走访时核对；回车或双击打开这一户</source>
        <translation type="vanished">Changes reported by other agencies, to verify on a visit; Enter or double-click opens the household</translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="vanished">Month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="143"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="143"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="148"/>
        <source>进行中的无障碍改造个案（%d 个）</source>
        <translation>Renovation cases in progress (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="150"/>
        <source>还没有回访或撤销的个案，最近有变动的在前；回车或双击打开个案</source>
        <translation>Cases not yet followed up or withdrawn, latest change first; Enter or double-click opens the case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="155"/>
        <source>最近变动</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="38"/>
        <source>应调查</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="39"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="40"/>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="41"/>
        <source>失访</source>
        <translation>Lost to follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="42"/>
        <source>完成率</source>
        <translation>Done (%)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="76"/>
        <location filename="../../ui/pages/today_lists.py" line="121"/>
        <location filename="../../ui/pages/today_lists.py" line="130"/>
        <source>残疾人或户主</source>
        <translation>Disabled person or head</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="92"/>
        <source>待走访的人（%d 人）</source>
        <translation>Persons to visit (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="94"/>
        <source>本年度动态更新调查还没有完成的人，按村和门牌号由近到远排列；回车或双击打开这一户</source>
        <translation>Persons whose dynamic update survey of this year is not done, by village and house number; Enter or double-click opens the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="99"/>
        <location filename="../../ui/pages/today_lists.py" line="142"/>
        <location filename="../../ui/pages/today_lists.py" line="154"/>
        <source>残疾人</source>
        <translation>Person with disability</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="100"/>
        <location filename="../../ui/pages/today_lists.py" line="113"/>
        <location filename="../../ui/pages/today_lists.py" line="144"/>
        <location filename="../../ui/pages/today_lists.py" line="153"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="117"/>
        <source>被退回、需要修改的表（%d 份）</source>
        <translation>Returned forms to correct (%d)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="119"/>
        <source>审核员退回的表和退回原因；回车或双击打开这一户</source>
        <translation>Forms the reviewer returned, with the reason; Enter or double-click opens the household</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="122"/>
        <source>退回原因</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="51"/>
        <source>今日</source>
        <extracomment>the most rows a list shows before it scrolls inside itself (the persons due: twice)</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="108"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>今天和未来七天计划的走访(&amp;T)</source>
        <translation type="vanished">Visits planned for &amp;today and the next 7 days</translation>
    </message>
    <message>
        <source>被退回、需要修改的调查表(&amp;U)</source>
        <translation type="vanished">Ret&amp;urned survey forms to correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="134"/>
        <source>本年度调查进度(&amp;Y)</source>
        <translation>Survey progress this &amp;year</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>入户走访助手 — 解锁</source>
        <translation type="vanished">Fieldvisit — Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="55"/>
        <source>请输入用户名和密码以打开本机的加密数据库。</source>
        <translation>Enter your user name and password to open the encrypted database on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="58"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="61"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="63"/>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="65"/>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="72"/>
        <source>服务器密码（管理员告知的新密码）</source>
        <translation>Server password (the new one the administrator gave you)</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="73"/>
        <source>服务器密码(&amp;S)：</source>
        <translation>&amp;Server password:</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="98"/>
        <source>从备份恢复(&amp;R)…</source>
        <extracomment>where a backup is restored to (the database this screen unlocks); None: no 恢复</extracomment>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="143"/>
        <source>请输入服务器密码（管理员告知的新密码）</source>
        <translation>Enter the server password (the new one the administrator gave you)</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="197"/>
        <source>数据库文件已损坏（%s 个数据页校验失败），无法打开。请这样恢复：
1. 点“退出”关闭程序，打开文件夹 %s；
2. 把损坏的 %s 改名为 %s.damaged 留作备查，不要删除；
3. 把最近的备份 %s 复制一份并改名为 %s，把它旁边的 %s.keyinfo 也复制并改名为 %s.keyinfo；
4. 重新打开程序，用做备份时的密码解锁，再同步一次：已同步到服务器的修改会取回，备份之后未同步的修改无法恢复。</source>
        <translation>The database file is damaged (%s pages fail their check) and cannot be opened. To recover:
1. Press “Quit” to close the program and open the folder %s;
2. Rename the damaged %s to %s.damaged and keep it; do not delete it;
3. Copy the latest backup %s and rename the copy to %s; copy %s.keyinfo beside it too and rename that copy to %s.keyinfo;
4. Open the program again, unlock with the password of the time of the backup, and sync: changes already on the server come back; changes made after the backup and never synced cannot be recovered.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="206"/>
        <source>数据库文件已损坏（%s 个数据页校验失败），无法打开，本机也没有它的备份。请这样恢复：
1. 点“退出”关闭程序，打开文件夹 %s；
2. 把损坏的 %s 和名字以 %s 开头的其他文件移到别的文件夹留作备查，不要删除；
3. 重新打开程序，用您的账号从服务器重新登录：已同步到服务器的数据会全部重新下载。未同步的修改请联系管理员，看能否从损坏的文件中取回。</source>
        <translation>The database file is damaged (%s pages fail their check) and cannot be opened, and there is no backup of it on this computer. To recover:
1. Press “Quit” to close the program and open the folder %s;
2. Move the damaged %s and the other files whose names begin with %s to another folder and keep them; do not delete them;
3. Open the program again and sign in to the server with your account: all data already synced to the server is downloaded again. For changes never synced, ask your administrator whether they can be recovered from the damaged file.</translation>
    </message>
    <message>
        <source>错误信息</source>
        <translation type="vanished">Error message</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="91"/>
        <source>解锁(&amp;O)</source>
        <translation>Unl&amp;ock</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="48"/>
        <source>解锁</source>
        <extracomment>opens the database for (user, password), or (user, password, server password) when the server asks for the password an admin reset (`ui.account_stop`)</extracomment>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="101"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="vanished">Quit</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="134"/>
        <source>请输入用户名</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="138"/>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="187"/>
        <source>无法打开数据库：%s</source>
        <translation>Cannot open the database: %s</translation>
    </message>
</context>
<context>
    <name>VisitFinisher</name>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="48"/>
        <source>正在检查本次走访的表…</source>
        <extracomment>an entry in these states has no response written yet (or only the one assigned to it)</extracomment>
        <translation>Checking the forms of this visit…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="74"/>
        <source>本户还没有填写任何表，没有可完成的内容</source>
        <translation>No form of this household has been filled in; there is nothing to finish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="102"/>
        <source>还有 %d 处错误，改正后才能完成走访；错误已列在下方</source>
        <translation>%d errors left; correct them to finish the visit (they are listed below)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="111"/>
        <source>· %s：%s</source>
        <translation>· %s: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="112"/>
        <source>有 %d 条提醒，请与受访人核实后确认：</source>
        <translation>%d warnings; check them with the respondent, then confirm:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="114"/>
        <location filename="../../ui/pages/visit_finish.py" line="146"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="115"/>
        <source>还没有开始填写、本次不完成的表：%s</source>
        <translation>Forms not started, left unfinished this time: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="116"/>
        <source>完成走访</source>
        <translation>Finish visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="118"/>
        <source>确认并完成(&amp;Y)</source>
        <translation>&amp;Confirm and finish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="119"/>
        <source>返回修改(&amp;N)</source>
        <translation>Go &amp;back and correct</translation>
    </message>
    <message>
        <source>确认提醒</source>
        <translation type="vanished">Confirm warnings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="128"/>
        <source>没有完成：请修改后再点“完成走访”</source>
        <translation>Not finished: make the corrections, then click “Finish visit” again</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="147"/>
        <source>走访已完成：%d 份表已完成（%s）</source>
        <translation>Visit finished: %d forms completed (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="149"/>
        <source>；%d 份表还没有填写</source>
        <translation>; %d forms not filled in yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="165"/>
        <source>没有完成：%s</source>
        <translation>Not finished: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="178"/>
        <source>错误：%s：%s</source>
        <translation>Error: %s: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_finish.py" line="178"/>
        <source>提醒：%s：%s</source>
        <translation>Warning: %s: %s</translation>
    </message>
    <message>
        <source>错误</source>
        <translation type="vanished">Error</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation type="vanished">Warning</translation>
    </message>
</context>
<context>
    <name>VisitNote</name>
    <message>
        <location filename="../../ui/pages/visit_note.py" line="32"/>
        <source>与本次走访一起保存，同步时发送</source>
        <extracomment>a save failed: the message for the member</extracomment>
        <translation>Saved with this visit and sent when syncing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_note.py" line="33"/>
        <source>本次走访的情况，例如：本人不在，由家属代答</source>
        <translation>How the visit went, e.g. the person was out, a relative answered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_note.py" line="35"/>
        <source>走访备注(&amp;N)：</source>
        <translation>Visit no&amp;te:</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../ui/pages/visit.py" line="81"/>
        <source>全部与去年相同(&amp;Y)</source>
        <translation>All same as last &amp;year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="82"/>
        <source>本部分与去年相同(&amp;L)</source>
        <translation>Section same as &amp;last year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="83"/>
        <source>保存草稿(&amp;S)</source>
        <translation>&amp;Save draft</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="84"/>
        <source>重新打开修改(&amp;E)</source>
        <translation>R&amp;eopen to edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="85"/>
        <source>完成走访(&amp;W)</source>
        <translation>Fi&amp;nish visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="86"/>
        <source>下一份表</source>
        <translation>Next form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="87"/>
        <source>上一份表</source>
        <translation>Previous form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="132"/>
        <source>正在读取本户要填的表…</source>
        <translation>Loading the forms due for this household…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="170"/>
        <source>本户本年度有 %d 份表，待填 %d 份</source>
        <translation>This household has %d forms this year; %d to fill in</translation>
    </message>
    <message>
        <source>添加走访照片(&amp;P)…</source>
        <translation type="vanished">Add visit &amp;photos…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="45"/>
        <location filename="../../ui/pages/visit.py" line="189"/>
        <source>走访照片</source>
        <extracomment>the visit&apos;s own photos (the label is translated when the field is made)</extracomment>
        <translation>Visit photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="101"/>
        <source>走访备注没有保存：%s</source>
        <translation>The visit note was not saved: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="186"/>
        <source>添加走访照片(&amp;Z)…</source>
        <translation>Add visit p&amp;hotos…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="189"/>
        <source>入户时拍的照片，存入本户的档案</source>
        <translation>Photos taken at the home, kept in the household&apos;s file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="226"/>
        <source>正在打开 %s…</source>
        <translation>Opening %s…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="281"/>
        <source>%s · %s（%s）</source>
        <translation>%s · %s (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="287"/>
        <source>%s（%s）</source>
        <translation>%s (%s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="289"/>
        <source>退回原因：%s</source>
        <translation>Reason for return: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="339"/>
        <source>已按去年的答案填写 %d 题，请核对标出的不同之处</source>
        <translation>%d answers filled in from last year; check the differences marked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="345"/>
        <source>请先把光标放在要确认的部分里</source>
        <translation>First put the cursor in the section to confirm</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="348"/>
        <source>本部分已按去年填写 %d 题</source>
        <translation>%d answers of this section filled in from last year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit.py" line="411"/>
        <source>出错了：%s</source>
        <translation>Something went wrong: %s</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_plan.py" line="34"/>
        <source>动态更新调查表</source>
        <extracomment>the forms&apos; short names (translated as a plan is read)</extracomment>
        <translation>Dynamic-update survey</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_plan.py" line="35"/>
        <source>家庭收入监测表</source>
        <translation>Household income monitoring</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_plan.py" line="68"/>
        <source>未开始</source>
        <extracomment>what `visit_facts` knows for each fill of a visit fact (`Item.visit_fill`)</extracomment>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_plan.py" line="124"/>
        <source>无障碍改造个案</source>
        <translation>Accessibility renovation case</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_plan.py" line="165"/>
        <source>%s户 · %s</source>
        <translation>Household of %s · %s</translation>
    </message>
</context>
<context>
    <name>VisitView</name>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="37"/>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="48"/>
        <source>本次要填的表</source>
        <translation>Forms for this visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="52"/>
        <source>本次要填的表(&amp;B)</source>
        <translation>Forms f&amp;or this visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="120"/>
        <source>收起表和照片(&amp;H)</source>
        <translation>Hide for&amp;ms and photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="120"/>
        <source>显示表和照片(&amp;H)</source>
        <translation>Show for&amp;ms and photos</translation>
    </message>
    <message>
        <source>本次要填的表(&amp;F)</source>
        <translation type="vanished">&amp;Forms for this visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="55"/>
        <source>走访照片</source>
        <translation>Visit photos</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="70"/>
        <source>请在左边选择要填写的表</source>
        <translation>Choose the form to fill in on the left</translation>
    </message>
    <message>
        <source>收起表和照片(&amp;K)</source>
        <translation type="vanished">Hide forms and photos(&amp;K)</translation>
    </message>
    <message>
        <source>显示表和照片(&amp;K)</source>
        <translation type="vanished">Show forms and photos(&amp;K)</translation>
    </message>
    <message>
        <source>请在上方选择要填写的表</source>
        <translation type="vanished">Choose a form to fill in above</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="89"/>
        <source>需要处理的问题(&amp;I)</source>
        <translation>&amp;Issues to resolve</translation>
    </message>
    <message>
        <location filename="../../ui/pages/visit_view.py" line="91"/>
        <source>需要处理的问题</source>
        <translation>Issues to resolve</translation>
    </message>
</context>
<context>
    <name>WindowSeal</name>
    <message>
        <location filename="../../ui/window_lock.py" line="193"/>
        <location filename="../../ui/window_lock.py" line="194"/>
        <location filename="../../ui/window_lock.py" line="228"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>WorkListModel</name>
    <message>
        <location filename="../../ui/pages/today_lists.py" line="295"/>
        <source>%s：%s</source>
        <extracomment>what the district published that this program cannot use (too old), a sentence each</extracomment>
        <translation>%s: %s</translation>
    </message>
</context>
<context>
    <name>_ButtonsField</name>
    <message>
        <source>%s：%s</source>
        <translation type="vanished">%s: %s</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../ui/backup_dialogs.py" line="71"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/main.py" line="34"/>
        <source>奉化区（演示）</source>
        <extracomment>the demo district&apos;s name in the window title</extracomment>
        <translation>Fenghua District (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="70"/>
        <source>用户名不存在</source>
        <translation>No such user name</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="28"/>
        <source>此账号已被停用，请联系区残联管理员</source>
        <extracomment>why the laptop is locked, and whom to ask</extracomment>
        <translation>This account has been disabled; please contact the district federation&apos;s administrator</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="29"/>
        <source>此设备已被注销，请联系区残联管理员</source>
        <translation>This device has been revoked; please contact the district federation&apos;s administrator</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="33"/>
        <source>服务器上的密码已由管理员重置：请在“服务器密码”中输入管理员告知的新密码。解锁后，本机的密码也改为这个新密码。</source>
        <extracomment>why a fresh sign-in did not unlock it</extracomment>
        <translation>An administrator has reset your password on the server: enter the new password they gave you under “Server password”. Once unlocked, this laptop&apos;s password becomes that new password too.</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="38"/>
        <source>无法连接服务器，不能确认管理员是否已恢复您的账号；请联网后再试</source>
        <translation>Cannot reach the server to check whether the administrator has restored your account; connect to the network and try again</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="41"/>
        <source>登录失败次数过多，请稍后再试</source>
        <translation>Too many failed sign-ins; please try again later</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="43"/>
        <source>服务器密码不对：请核对管理员告知的新密码</source>
        <translation>The server password is wrong: check the new password the administrator gave you</translation>
    </message>
    <message>
        <location filename="../../ui/account_stop.py" line="45"/>
        <source>%s。
程序已锁定：本机的数据仍加密保存在本机，没有丢失，正在进行的工作已保存。管理员恢复您的账号后，在下面输入密码即可解锁。</source>
        <extracomment>what the lock panel says when a sync was refused for a stopped user or laptop</extracomment>
        <translation>%s.
The program is locked: your data stays on this laptop, encrypted, and nothing is lost; work in progress has been saved. Once the administrator restores your account, enter your password below to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="110"/>
        <source>正在生成演示区的数据（只在第一次运行时）…</source>
        <translation>Making the demo district&apos;s data (first run only)…</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="115"/>
        <location filename="../../ui/main.py" line="155"/>
        <location filename="../../ui/main.py" line="191"/>
        <source>入户走访助手</source>
        <translation>Fieldvisit</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="118"/>
        <source>生成演示数据的进度</source>
        <translation>Progress of making the demo data</translation>
    </message>
    <message>
        <source>本机还没有数据库：%s
请先连接服务器登录（同步功能），或用 --demo 打开演示区。</source>
        <translation type="vanished">There is no database on this computer yet: %s
Log in to the server first (Sync), or open the demo district with --demo.</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../ui/pages/commands.py" line="30"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/commands.py" line="32"/>
        <source>快捷键 %s</source>
        <translation>Shortcut %s</translation>
    </message>
</context>
</TS>
