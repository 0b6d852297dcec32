/** Synthetic pages for the content-script bench, served by the e2e server's `route()`. */

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

/** A long article: headings, paragraphs, links, images; not a single input. */
export function articlePage(paragraphs = 400): string {
  const parts: string[] = ['<header><nav><a href="/">Home</a> <a href="/docs">Docs</a></nav></header><main>'];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 20 === 0) parts.push(`<h2>Section ${i / 20}</h2>`);
    parts.push(
      `<p>Paragraph ${i} with <a href="#p${i}">a link</a>, <strong>bold</strong> and <em>emphasis</em>, ` +
        `long enough to wrap over a couple of lines like the body text of a real documentation page.</p>`,
    );
  }
  parts.push('</main><div id="churn"></div>');
  return page('Article', parts.join(''));
}

const INPUT_KINDS = [
  (i: number) => `<label for="f${i}">First name ${i}</label><input id="f${i}" name="first_${i}" type="text">`,
  (i: number) => `<label for="f${i}">Email ${i}</label><input id="f${i}" name="email_${i}" type="email">`,
  (i: number) => `<label for="f${i}">Quantity ${i}</label><input id="f${i}" name="qty_${i}" type="number">`,
  (i: number) => `<label><input id="f${i}" name="opt_${i}" type="checkbox"> Option ${i}</label>`,
  (i: number) => `<label for="f${i}">Phone ${i}</label><input id="f${i}" name="phone_${i}" type="tel">`,
  (i: number) => `<input id="f${i}" name="search_${i}" type="search" placeholder="Search">`,
  (i: number) => `<label for="f${i}">City ${i}</label><input id="f${i}" name="city_${i}" type="text">`,
  (i: number) => `<input id="f${i}" name="hidden_${i}" type="hidden" value="x">`,
];

/** A huge form (an admin console table, a spreadsheet-like page): `count` inputs of common kinds. */
export function manyInputsPage(count: number, withOtpField: boolean): string {
  const rows: string[] = ['<main><form action="/submit" method="post">'];
  for (let i = 0; i < count - (withOtpField ? 1 : 0); i++) {
    rows.push(`<div class="row">${(INPUT_KINDS[i % INPUT_KINDS.length] ?? INPUT_KINDS[0]!)(i)}</div>`);
  }
  if (withOtpField) {
    rows.push(
      '<div class="row"><label for="otp">Authentication code</label>' +
        '<input id="otp" name="otp" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"></div>',
    );
  }
  rows.push('<button type="submit">Save</button></form></main>');
  return page(`${count} inputs`, rows.join(''));
}

/** A plain sign-in form (username + password), the most common page with inputs and no MFA field. */
export function passwordLoginPage(): string {
  return page(
    'Sign in',
    '<main><h1>Sign in</h1><form action="/login" method="post">' +
      '<label for="u">Email</label><input id="u" name="username" type="email" autocomplete="username">' +
      '<label for="p">Password</label><input id="p" name="password" type="password" autocomplete="current-password">' +
      '<label><input type="checkbox" name="remember"> Remember me</label><button>Sign in</button></form></main>',
  );
}

const FORM_ROW_KINDS = [
  (i: number) =>
    `<td><label for="r${i}">Display name</label></td><td><input id="r${i}" name="rows[${i}][displayName]" ` +
    `type="text" class="form-control" placeholder="Jane Doe" data-row="${i}" data-field="displayName"></td>`,
  (i: number) =>
    `<td><label for="r${i}">Email address</label></td><td><input id="r${i}" name="rows[${i}][email]" ` +
    `type="email" class="form-control" autocomplete="email" aria-describedby="h${i}">` +
    `<small id="h${i}" class="help">We never share it.</small></td>`,
  (i: number) =>
    `<td><span class="cell-label" id="l${i}">Seats</span></td><td><input aria-labelledby="l${i}" ` +
    `name="rows[${i}][seats]" type="number" min="0" max="500" inputmode="numeric" class="form-control"></td>`,
  (i: number) =>
    `<td>Active</td><td><label class="switch"><input type="checkbox" name="rows[${i}][active]" checked>` +
    `<span class="slider"></span></label></td>`,
  (i: number) =>
    `<td><label for="r${i}">Phone</label></td><td><input id="r${i}" name="rows[${i}][phone]" type="tel" ` +
    `class="form-control" placeholder="+1 555 0100" autocomplete="tel"></td>`,
  (i: number) =>
    `<td>Notes</td><td><div class="input-group"><span class="input-group-text">#</span>` +
    `<input name="rows[${i}][note]" type="text" class="form-control" title="Internal note" maxlength="120">` +
    `</div></td>`,
  (i: number) =>
    `<td><label for="r${i}">Postal code</label></td><td><input id="r${i}" name="rows[${i}][zip]" type="text" ` +
    `class="form-control" autocomplete="postal-code" maxlength="10"></td>`,
  (i: number) =>
    `<td>Filter</td><td><input type="search" name="q${i}" placeholder="Search rows" aria-label="Search">` +
    `<input type="hidden" name="rows[${i}][id]" value="${1000 + i}"></td>`,
];

/**
 * An admin console's bulk-edit table: `count` inputs in table rows, with the markup real pages carry
 * (label[for], aria-labelledby/-describedby, placeholders, data-*, input groups, hidden ids, switches), in a
 * page with a header, navigation and help text; optionally one MFA re-authentication field at the end.
 */
export function realisticFormPage(count: number, withOtpField: boolean): string {
  const parts: string[] = [
    '<header class="topbar"><nav><a href="/">Console</a> <a href="/users">Users</a> <a href="/billing">Billing</a>' +
      '</nav><button type="button" aria-label="Account menu">JD</button></header>' +
      '<main><h1>Edit users</h1><p class="lead">Change several users at once. Changes are saved when you press ' +
      'Save at the bottom of the page.</p><form action="/users/bulk" method="post"><table class="table"><tbody>',
  ];
  let inputs = 0;
  for (let row = 0; inputs < count - (withOtpField ? 1 : 0); row++) {
    const kind = FORM_ROW_KINDS[row % FORM_ROW_KINDS.length] ?? FORM_ROW_KINDS[0]!;
    parts.push(`<tr class="row">${kind(row)}</tr>`);
    inputs += row % FORM_ROW_KINDS.length === 7 ? 2 : 1;
  }
  parts.push('</tbody></table>');
  if (withOtpField) {
    parts.push(
      '<fieldset class="reauth"><legend>Confirm it is you</legend>' +
        '<p id="otp-help">Enter the 6-digit code from your authenticator app.</p>' +
        '<label for="otp">Authentication code</label><input id="otp" name="otp" type="text" inputmode="numeric" ' +
        'autocomplete="one-time-code" maxlength="6" aria-describedby="otp-help"></fieldset>',
    );
  }
  parts.push(
    '<button type="submit" class="btn btn-primary">Save</button></form></main><div id="churn"></div>',
  );
  return page(`${count} inputs (admin table)`, parts.join(''));
}
