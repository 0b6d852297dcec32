// HTML of the demo console's pages, modelled on Alibaba Cloud's account center and logon pages (element ids
// such as J_Tp_Checkcode are the real ones). Every value put into markup goes through escapeHtml.

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
    color: #333; background: #f5f5f6; }
  .topbar { height: 50px; background: #fff; border-bottom: 1px solid #e8e8e8; display: flex; align-items: center;
    padding: 0 20px; gap: 16px; }
  .logo { color: #ff6a00; font-weight: 700; font-size: 18px; letter-spacing: 1px; }
  .topbar .crumb { color: #666; }
  .topbar .user { margin-left: auto; color: #666; }
  .notice { background: #fff7e8; color: #8a5a00; border-bottom: 1px solid #ffe0b2; padding: 6px 20px;
    font-size: 12px; }
  main { max-width: 860px; margin: 24px auto; background: #fff; padding: 24px 32px 32px;
    border: 1px solid #e8e8e8; }
  h2 { font-size: 20px; font-weight: 500; margin: 0 0 4px; }
  h2 small, label small, p small, button small { color: #888; font-weight: 400; font-size: 12px; margin-left: 6px; }
  .step { border-left: 3px solid #ff6a00; padding: 2px 0 2px 14px; margin: 20px 0; }
  .step h3 { font-size: 15px; margin: 0 0 8px; font-weight: 500; }
  .qr { display: flex; gap: 24px; align-items: flex-start; }
  .qr img { width: 200px; height: 200px; border: 1px solid #e8e8e8; }
  .key { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f7f7f7; padding: 8px 10px;
    display: block; word-break: break-all; margin-top: 4px; letter-spacing: 0.5px; }
  .form-item { margin: 12px 0; }
  .form-item label { display: block; margin-bottom: 4px; }
  input[type=text], input[type=password] { width: 280px; height: 34px; padding: 0 10px; font-size: 14px;
    border: 1px solid #c4c6cf; border-radius: 2px; }
  input:focus { outline: none; border-color: #ff6a00; }
  button { height: 34px; padding: 0 20px; font-size: 14px; border: 0; border-radius: 2px; background: #ff6a00;
    color: #fff; cursor: pointer; }
  button.link { background: none; color: #0070cc; padding: 0; height: auto; }
  button small { color: #ffe8d6; }
  .alert { padding: 8px 12px; margin: 12px 0; border: 1px solid; }
  .alert.error { background: #fff0f0; border-color: #ffc2c2; color: #c00; }
  .alert.success { background: #eefaf0; border-color: #b7e4c0; color: #1a7f37; }
  .hint { color: #888; font-size: 12px; }
  a { color: #0070cc; }
  .signin { max-width: 420px; }
`;

/** The whole document around a page body. */
export function layout({ title, body, user = '' }) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="topbar"><span class="logo">CLOUD</span><span class="crumb">控制台 Console (demo)</span>${
    user ? `<span class="user">${escapeHtml(user)}</span>` : ''
  }</div>
<div class="notice">本地演示页面，仅用于试用 MFA 身份验证器扩展，与阿里云无关。 Local demo for trying the MFA authenticator
extension; not affiliated with Alibaba Cloud. Nothing leaves this computer.</div>
${body}
</body>
</html>`;
}

function alert(kind, id, text) {
  return text ? `<div class="alert ${kind}" id="${id}" role="alert">${text}</div>` : '';
}

/** "Attach virtual MFA device": QR, key text, and a form for two consecutive codes. */
export function enrollPage({ accountName, qrDataUrl, groupedKey, error = '' }) {
  return layout({
    title: '绑定虚拟MFA设备 - 账号中心',
    user: accountName,
    body: `<main>
  <h2>绑定虚拟MFA设备<small>Attach virtual MFA device</small></h2>
  <p class="hint">账号 Account: <span id="J_Account">${escapeHtml(accountName)}</span></p>
  <div class="step">
    <h3>1. 获取验证器<small>Get an authenticator</small></h3>
    <p>在浏览器中安装 MFA 身份验证器扩展，或在手机上安装阿里云App、Google Authenticator。<br>
    <small>Install the MFA authenticator extension in this browser, or an authenticator app on your phone.</small></p>
  </div>
  <div class="step">
    <h3>2. 扫描二维码<small>Scan the QR code</small></h3>
    <div class="qr">
      <img id="J_QrCode" src="${escapeHtml(qrDataUrl)}" width="200" height="200" alt="虚拟MFA二维码 / MFA QR code">
      <div>
        <p>无法扫描？请手动输入密钥：<br><small>Can't scan? Enter this key by hand:</small></p>
        <code class="key" id="J_SecretKey">${escapeHtml(groupedKey)}</code>
        <p class="hint">基于时间 (TOTP)，6位数字，30秒 / Time based (TOTP), 6 digits, 30 s</p>
      </div>
    </div>
  </div>
  <div class="step">
    <h3>3. 输入两个连续的安全码<small>Enter two consecutive security codes</small></h3>
    ${alert('error', 'J_Error', error)}
    <form id="J_BindForm" method="post" action="/account/mfa/bind">
      <div class="form-item">
        <label for="J_Code1">第一个安全码<small>First security code</small></label>
        <input type="text" id="J_Code1" name="code1" maxlength="6" inputmode="numeric" autocomplete="off"
          placeholder="请输入6位数字安全码">
      </div>
      <div class="form-item">
        <label for="J_Code2">第二个安全码<small>Second security code</small></label>
        <input type="text" id="J_Code2" name="code2" maxlength="6" inputmode="numeric" autocomplete="off"
          placeholder="请输入6位数字安全码">
      </div>
      <button type="submit" id="J_BindSubmit">确定绑定<small>Attach</small></button>
    </form>
  </div>
</main>`,
  });
}

/** Shown after the two codes were accepted. */
export function enrolledPage({ accountName }) {
  return layout({
    title: '绑定成功 - 账号中心',
    user: accountName,
    body: `<main>
  <h2>绑定虚拟MFA设备<small>Attach virtual MFA device</small></h2>
  <div class="alert success" id="J_BindResult" data-result="bound">绑定成功，登录时需要输入安全码。<br>
    <small>The virtual MFA device is attached: logging on now asks for a security code.</small></div>
  <p><a id="J_GoLogin" href="/login">去登录 / Log on with MFA</a> · <a href="/account/mfa/bind?rebind=1">重新绑定 / Attach again</a></p>
</main>`,
  });
}

/** Username and password step. */
export function loginPage({ accountName, password, error = '' }) {
  return layout({
    title: 'RAM 用户登录 - 阿里云',
    body: `<main class="signin">
  <h2>RAM 用户登录<small>RAM user logon</small></h2>
  ${alert('error', 'J_Error', error)}
  <form id="J_LoginForm" method="post" action="/login">
    <div class="form-item">
      <label for="J_LoginId">用户名<small>Username</small></label>
      <input type="text" id="J_LoginId" name="loginId" autocomplete="username" placeholder="username@account">
    </div>
    <div class="form-item">
      <label for="J_Password">密码<small>Password</small></label>
      <input type="password" id="J_Password" name="password" autocomplete="current-password">
    </div>
    <button type="submit" id="J_LoginSubmit">登录<small>Log on</small></button>
  </form>
  <p class="hint">演示账号 Demo user: <b>${escapeHtml(accountName)}</b> · 密码 Password: <b>${escapeHtml(password)}</b></p>
  <p class="hint"><a href="/account/mfa/bind">绑定虚拟MFA设备 / Attach virtual MFA device</a></p>
</main>`,
  });
}

/** The MFA step, as on signin.aliyun.com / passport.alibabacloud.com ("安全验证"). */
export function mfaStepPage({ accountName, error = '' }) {
  return layout({
    title: '安全验证 - 阿里云',
    body: `<main class="signin">
<div class="J_Tp_Wrap">
  <h2 class="tp-title">安全验证<small>Security verification</small></h2>
  <p class="tp-desc">您的账号 ${escapeHtml(accountName)} 已开启虚拟MFA，请输入验证器上显示的6位数字安全码。<br>
    <small>Enter the 6-digit security code shown by your virtual MFA device.</small></p>
  ${alert('error', 'J_Error', error)}
  <form id="J_Tp_Form" method="post" action="/login/mfa">
    <div class="form-item">
      <label for="J_Tp_Checkcode">安全码<small>Security code</small></label>
      <input type="text" id="J_Tp_Checkcode" name="checkcode" maxlength="6" inputmode="numeric" autocomplete="off">
    </div>
    <button type="submit" id="J_Tp_Submit">确定<small>Submit</small></button>
  </form>
  <p class="hint"><a href="/login">返回 / Back</a></p>
</div>
</main>`,
  });
}

/** The console home after a successful logon. */
export function consolePage({ accountName, mfaBound }) {
  return layout({
    title: '控制台首页 - 阿里云',
    user: accountName,
    body: `<main>
  <h1 id="J_Welcome" data-user="${escapeHtml(accountName)}">欢迎使用控制台<small>Welcome to the console</small></h1>
  <p>已登录：${escapeHtml(accountName)}${mfaBound ? '（已通过虚拟MFA验证 / verified with virtual MFA）' : ''}</p>
  ${
    mfaBound
      ? ''
      : '<p class="hint">尚未绑定MFA设备 / No MFA device yet: <a href="/account/mfa/bind">绑定虚拟MFA设备</a></p>'
  }
  <form method="post" action="/logout"><button type="submit" id="J_Logout">退出登录<small>Log out</small></button></form>
</main>`,
  });
}
