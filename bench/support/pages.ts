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
