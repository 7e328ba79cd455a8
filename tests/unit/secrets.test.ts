/** Secret and personal-data scan: each shape, masking, public-only personal data, opt-outs, levels. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ADDRESS_SHAPES,
  cardBrand,
  entropy,
  findSecrets,
  ipv4Scope,
  ipv6Groups,
  ipv6Scope,
  luhn,
  mask,
  PERSONAL_DATA_SHAPES,
  secretsRule,
  SECRET_SHAPES,
  shapesFor,
} from '../../src/validation/lint/secrets.ts';
import { contentFolder, lineContaining, mdx, postmortemYaml, problemsOf } from './support/content.ts';
import { assertHintsLetMatchesThrough } from './support/hints.ts';

// Built from parts so this file itself does not look like it holds credentials.
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const GITHUB = 'ghp_' + 'R8x2Lq9ZpT4vW7mN3bK6yH1cJ5dF0gS2aE8u';
const GITHUB_PAT = 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz';
const SLACK = 'xoxb-' + '2847392010-9384729304-Hq3kLm9PzX';
const STRIPE = 'sk_live_' + '51HqLyjWDarjtT1zdp7dcXyZ';
const GOOGLE = 'AIza' + 'SyD3kL9mQ2xW8vB7nR4tY6uI1oP0aS5dF2g';
const JWT = 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const KEY_BLOCK = '-----BEGIN ' + 'RSA PRIVATE KEY-----';
const GENERIC = 'Zx9fL2qT8vB3nM7kR4wY1pC6';

describe('secret shapes', () => {
  const cases: [string, string, string][] = [
    ['aws-access-key', `key id ${AWS} in the log`, AWS],
    ['github-token', `token ${GITHUB}`, GITHUB],
    ['github-token', `pat ${GITHUB_PAT}`, GITHUB_PAT],
    ['slack-token', `bot ${SLACK}`, SLACK],
    ['stripe-key', `stripe ${STRIPE}`, STRIPE],
    ['google-api-key', `maps ${GOOGLE}`, GOOGLE],
    ['jwt', `Authorization: Bearer ${JWT}`, JWT],
    ['private-key', KEY_BLOCK, KEY_BLOCK],
    ['url-password', 'DATABASE_URL=postgres://orders:Tr0ub4dor3@db.internal:5432/orders', 'Tr0ub4dor3'],
    ['generic-secret', `api_key = "${GENERIC}"`, GENERIC],
    ['generic-secret', `client_secret: ${GENERIC}`, GENERIC],
  ];
  for (const [id, text, secret] of cases) {
    test(`${id}`, () => {
      const found = findSecrets(text);
      assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.shape.id)));
      assert.equal(found[0].shape.id, id);
      assert.equal(found[0].value, secret);
      assert.equal(found[0].index, text.indexOf(secret));
    });
  }

  test('the quick test a pattern runs behind lets every match through', () => {
    const texts = [
      ...cases.map(([, text]) => text),
      'HTTPS://OPS:Hunter2Secret@RUNBOOKS.EXAMPLE.COM/leaky',
      'amqp://svc-user:pa55w0rd-x@mq.internal:5672/',
      'Mail Ada.Lovelace+oncall@example.co.uk or ops@mail.example.com.',
    ];
    assertHintsLetMatchesThrough([...SECRET_SHAPES, ...ADDRESS_SHAPES, ...PERSONAL_DATA_SHAPES], texts);
    assert.deepEqual(
      findSecrets('HTTPS://OPS:Hunter2Secret@RUNBOOKS.EXAMPLE.COM/x').map((match) => [match.shape.id, match.value]),
      [['url-password', 'Hunter2Secret']],
    );
    assert.deepEqual(
      findSecrets('write to Ada.Lovelace+oncall@example.co.uk', PERSONAL_DATA_SHAPES).map((match) => match.value),
      ['Ada.Lovelace+oncall@example.co.uk'],
    );
  });

  test('the whole token is the value: a routable GitLab token with its suffix, an AWS secret key without quotes', () => {
    const routable = 'glpat-' + 'EXAMPLEols4gmTBTk4feZKqXyis' + '.016qeoycu';
    assert.deepEqual(
      findSecrets(`GITLAB_TOKEN=${routable}.`).map((m) => [m.shape.id, m.value]),
      [['gitlab-token', routable]],
    );
    const secret = 'EXAMPLEiDje/3536+u9zK/n21xp2A4ql+oL9tTsZ';
    const line = `AWS_SECRET_ACCESS_KEY: "${secret}"`;
    assert.deepEqual(
      findSecrets(line).map((m) => [m.shape.id, m.value, m.index]),
      [['aws-secret-key', secret, line.indexOf(secret)]],
    );
    // 41 characters are not an AWS secret key (it has exactly 40).
    assert.deepEqual(findSecrets(`aws_secret_access_key = ${secret}A`), []);
  });

  test('placeholders, low-entropy values and ordinary prose are not secrets', () => {
    for (const text of [
      'api_key = "aaaaaaaaaaaaaaaaaaaa"',
      'password: ${DB_PASSWORD}',
      'https://user:<password>@db.example.com',
      'https://docs.example.com/api/keys',
      'The AKIA prefix marks AWS keys.',
      'token rotation happened at 2026-11-01T10:00:00Z',
    ]) {
      assert.deepEqual(findSecrets(text), [], text);
    }
  });

  test('entropy', () => {
    assert.equal(entropy('aaaa'), 0);
    assert.ok(entropy(GENERIC) > 4);
  });

  test('masking keeps a prefix and the length, never the secret', () => {
    const masked = mask(AWS, 'aws-access-key');
    assert.equal(masked, 'AKIA******** (20 characters)');
    assert.equal(mask('Tr0ub4dor3', 'url-password'), 'Tr******** (10 characters)');
    assert.equal(mask('jane.doe@fernhill.example', 'email'), 'j***@fernhill.example');
    assert.equal(mask('+44 20 7946 0958', 'phone'), '+•• •• •••• ••58');
  });
});

describe('personal data shapes', () => {
  test('e-mail addresses and phone numbers', () => {
    const text = 'Contact jane.doe@fernhill.example or +44 20 7946 0958, (415) 555-0142, 020 7946 0958.';
    const found = findSecrets(text, PERSONAL_DATA_SHAPES).map((m) => [m.shape.id, m.value]);
    assert.deepEqual(found, [
      ['email', 'jane.doe@fernhill.example'],
      ['phone', '+44 20 7946 0958'],
      ['phone', '(415) 555-0142'],
      ['phone', '020 7946 0958'],
    ]);
  });

  test('dates, times, versions, counts and durations are not phone numbers', () => {
    const text = 'At 2026-11-01T10:00:00+01:00 release 4.13.0 hit 1,100 users for 57 minutes; order 123456 and ticket OPS-20261101.';
    assert.deepEqual(findSecrets(text, PERSONAL_DATA_SHAPES), []);
  });
});

describe('card numbers', () => {
  test('Luhn checksum', () => {
    // 4111111111111111: the digits doubled (every second one from the right) give 4×2 + 7×(1×2)
    // = 22, the others 8×1 = 8; 30 is a multiple of 10. Changing the last digit to 2 gives 31.
    assert.equal(luhn('4111111111111111'), true);
    assert.equal(luhn('4111111111111112'), false);
    assert.equal(luhn('79927398713'), true);
    assert.equal(luhn('79927398710'), false);
  });

  test('brand by issuer prefix and length', () => {
    assert.equal(cardBrand('4111 1111 1111 1111'), 'Visa');
    assert.equal(cardBrand('5555-5555-5555-4444'), 'Mastercard');
    assert.equal(cardBrand('2223003122003222'), 'Mastercard');
    assert.equal(cardBrand('378282246310005'), 'American Express');
    assert.equal(cardBrand('6011111111111117'), 'Discover');
    assert.equal(cardBrand('3530111333300000'), 'JCB');
    assert.equal(cardBrand('30569309025904'), 'Diners Club');
    assert.equal(cardBrand('6200000000000005'), 'UnionPay');
    // Luhn-valid, but no network issues numbers starting with 1 (epoch milliseconds, snowflakes)
    // or 16-digit numbers starting with 34 (American Express numbers have 15 digits).
    assert.equal(luhn('1000000000000008') && luhn('3400000000000000'), true);
    assert.equal(cardBrand('1000000000000008'), undefined);
    assert.equal(cardBrand('3400000000000000'), undefined);
  });

  test('found in any spacing cards are printed in, not inside longer numbers', () => {
    const ids = (text: string) => findSecrets(text).map((m) => [m.shape.id, m.value]);
    assert.deepEqual(ids('pan 4111-1111-1111-1111, amex 3782 822463 10005.'), [
      ['card-number', '4111-1111-1111-1111'],
      ['card-number', '3782 822463 10005'],
    ]);
    // Mixed separators, a 20-digit run, a version tail and a USPS tracking number are not cards.
    assert.deepEqual(ids('4111 1111-1111 1111; 41111111111111110; 4111111111111111.2; 9400 4111 1111 1111 1111 00'), []);
  });

  test('masked to the last four digits', () => {
    assert.equal(mask('4111 1111 1111 1111', 'card-number'), '****1111 (16 digits)');
  });
});

describe('IP addresses', () => {
  test('IPv4 scope: private, public, or not a host', () => {
    assert.equal(ipv4Scope('10.20.4.17'), 'private');
    assert.equal(ipv4Scope('172.16.0.1'), 'private');
    assert.equal(ipv4Scope('172.31.255.255'), 'private');
    assert.equal(ipv4Scope('172.32.0.1'), 'public');
    assert.equal(ipv4Scope('192.168.1.10'), 'private');
    assert.equal(ipv4Scope('100.64.0.1'), 'private');
    assert.equal(ipv4Scope('100.128.0.1'), 'public');
    assert.equal(ipv4Scope('51.140.7.23'), 'public');
    for (const address of [
      '192.0.2.15',
      '198.51.100.7',
      '203.0.113.42',
      '127.0.0.1',
      '0.0.0.0',
      '169.254.169.254',
      '255.255.255.0',
      '239.255.255.250',
      '8.8.8.8',
      '1.1.1.1',
    ]) {
      assert.equal(ipv4Scope(address), undefined, address);
    }
  });

  test('IPv6 groups and scope', () => {
    assert.deepEqual(ipv6Groups('2001:db8::1'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(ipv6Groups('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(ipv6Groups('10:00:00'), undefined);
    assert.equal(ipv6Groups('1::2::3'), undefined);
    assert.equal(ipv6Groups('1:2:3:4:5:6:7:8:9'), undefined);
    assert.equal(ipv6Scope('2a01:4f8:c2c:1234::1'), 'public');
    assert.equal(ipv6Scope('fd12:3456:789a:1::8'), 'private');
    for (const address of ['2001:db8:85a3::8a2e:370:7334', '3fff:1::1', '::1', 'fe80::1', 'ff02::1', 'dead::beef']) {
      assert.equal(ipv6Scope(address), undefined, address);
    }
  });

  test('versions, section numbers and product versions are not addresses', () => {
    const text = 'v1.2.3.4, version 10.0.0.1, release: 10.1.2.3, section 4.1.2.3, Chrome/120.0.0.0, 1.2.3.4-rc1, 1.3.6.1.4.1';
    assert.deepEqual(findSecrets(text, ADDRESS_SHAPES), []);
    assert.deepEqual(
      findSecrets('from 10.0.0.1:5432 and 51.140.7.23/32.', ADDRESS_SHAPES).map((m) => m.value),
      ['10.0.0.1', '51.140.7.23'],
    );
  });

  test('masked to the network part', () => {
    assert.equal(mask('10.20.4.17', 'ipv4'), '10.20.*.*');
    assert.equal(mask('2a01:4f8:c2c:1234::1', 'ipv6'), '2a01:4f8:…');
  });
});

describe('scanning cost', () => {
  // Each line would make a pattern with an unanchored start quadratic (tried again from every
  // position of a run); they must finish. Measured by hand: about 15 to 200 ms per MB.
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  for (const unit of [
    'eyJ-',
    'a%',
    'a.',
    '1.',
    'a:',
    'xoxb-',
    'glpat-',
    '4111 ',
    'token= ',
    'a://b:',
    'AKIAIOSFODNN7EXAMPLE ',
    '10.0.0.1 ',
  ]) {
    test(`a 1 MB line of ${JSON.stringify(unit)}`, () => {
      const found = findSecrets(fill(unit), shapesFor({ personalData: true, addresses: true }));
      assert.ok(Array.isArray(found));
    });
  }
});

describe('secrets rule over a content folder', () => {
  test('a secret in the body: error, line and column, masked message', () => {
    const body = `## Timeline\n\nThe logs showed the key ${AWS} in a request.\n`;
    const text = mdx(postmortemYaml(), body);
    const result = contentFolder({ 'postmortems/leak.mdx': text }).validate([secretsRule]);
    const problems = problemsOf(result, { rule: 'secrets' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].level, 'error');
    assert.equal(problems[0].file, 'content/postmortems/leak.mdx');
    assert.equal(problems[0].field, 'body');
    assert.equal(problems[0].line, lineContaining(text, AWS));
    assert.equal(problems[0].column, lineContaining(text, AWS) && text.split('\n')[problems[0].line! - 1].indexOf(AWS) + 1);
    assert.equal(
      problems[0].message,
      'contains an AWS access key id (aws-access-key): AKIA******** (20 characters); rotate the credential (it stays in the repository history), replace it with a placeholder such as "<redacted>" and refer to it by name (e.g. "the payments API key"); if it is a documented fake, end the line with {/* almanac-disable-line secrets */}',
    );
    assert.equal(problems[0].message.includes(AWS), false);
  });

  test('code blocks are scanned too, and frontmatter findings name the field', () => {
    const yaml = postmortemYaml({ trigger: `trigger: "A deploy script printed ${STRIPE}"` });
    const text = mdx(yaml, '```sh\nexport GITHUB_TOKEN=' + GITHUB + '\n```\n');
    const result = contentFolder({ 'postmortems/leak.mdx': text }).validate([secretsRule]);
    const problems = problemsOf(result, { rule: 'secrets' });
    assert.deepEqual(
      problems.map((p) => [p.field, p.line]),
      [
        ['trigger', lineContaining(text, 'trigger:')],
        ['body', lineContaining(text, 'GITHUB_TOKEN')],
      ],
    );
    for (const problem of problems) {
      assert.equal(problem.message.includes(STRIPE), false);
      assert.equal(problem.message.includes(GITHUB), false);
    }
  });

  test('every collection is scanned, including YAML files and files with schema errors', () => {
    const result = contentFolder({
      'services/leaky.yaml': `name: Leaky\nteam: checkout\ntier: 2\nrunbook: https://ops:Hunter2Secret@runbooks.example.com/leaky\n`,
      'handbook/bad.mdx': mdx('title: X\nowner: checkout\nlastReviewed: 2026-11-01', `Use ${KEY_BLOCK} for the key.`),
    }).validate([secretsRule]);
    const problems = problemsOf(result, { rule: 'secrets' });
    assert.deepEqual(
      problems.map((p) => [p.file, p.field, p.line]),
      [
        ['content/handbook/bad.mdx', 'body', 7],
        ['content/services/leaky.yaml', 'runbook', 4],
      ],
    );
    assert.equal(problems[1].message.includes('Hunter2Secret'), false);
    assert.match(problems[1].message, /^contains a password in a URL \(url-password\): Hu\*+ \(13 characters\);/);
    // In a YAML file the opt-out is a YAML comment.
    assert.match(problems[1].message, /end the line with # almanac-disable-line secrets$/);
  });

  test('e-mail addresses and phone numbers: reported in public postmortems only', () => {
    const body = 'The customer (jane.doe@example.org, +44 20 7946 0958) reported it.';
    const internal = contentFolder({ 'postmortems/pii.mdx': mdx(postmortemYaml(), body) }).validate([secretsRule]);
    assert.deepEqual(problemsOf(internal, { rule: 'secrets' }), []);
    const publicYaml = postmortemYaml({ visibility: 'visibility: public' });
    const published = contentFolder({ 'postmortems/pii.mdx': mdx(publicYaml, body) }).validate([secretsRule]);
    const problems = problemsOf(published, { rule: 'secrets' });
    assert.equal(problems.length, 2);
    assert.match(
      problems[0].message,
      /^contains an e-mail address \(email\): j\*\*\*@example\.org in a public postmortem; remove it or describe the person's role instead/,
    );
    assert.match(problems[1].message, /^contains a phone number \(phone\): \+•• •• •••• ••58 in a public postmortem/);
    assert.equal(
      problems.some((p) => p.message.includes('jane.doe') || p.message.includes('7946 0958')),
      false,
    );
  });

  test('opt-out comments, and levels from almanac.yaml', () => {
    const body = `Documented fake key: ${AWS} {/* almanac-disable-line secrets */}`;
    const yaml = postmortemYaml({ trigger: `trigger: "Example ${AWS}" # almanac-disable-line secrets` });
    const optedOut = contentFolder({ 'postmortems/doc.mdx': mdx(yaml, body) }).validate([secretsRule]);
    assert.deepEqual(problemsOf(optedOut, { rule: 'secrets' }), []);

    const leak = mdx(postmortemYaml(), `Key ${AWS}.`);
    const warn = contentFolder({ 'postmortems/doc.mdx': leak, 'almanac.yaml': 'lint:\n  secrets: warn\n' }).validate([secretsRule]);
    assert.equal(problemsOf(warn, { rule: 'secrets' })[0].level, 'warning');
    const off = contentFolder({ 'postmortems/doc.mdx': leak, 'almanac.yaml': 'lint:\n  secrets: off\n' }).validate([secretsRule]);
    assert.deepEqual(problemsOf(off, { rule: 'secrets' }), []);
  });

  test('IP addresses: reported in public entries of any collection, with why', () => {
    const body = 'The primary at 10.20.4.17 and the origin 51.140.7.23 timed out.';
    const internal = contentFolder({ 'postmortems/ip.mdx': mdx(postmortemYaml(), body) }).validate([secretsRule]);
    assert.deepEqual(problemsOf(internal, { rule: 'secrets' }), []);
    const published = contentFolder({
      'postmortems/ip.mdx': mdx(postmortemYaml({ visibility: 'visibility: public' }), body),
      'handbook/net.mdx': mdx('title: Network\nowner: checkout\nlastReviewed: 2026-11-01\nvisibility: public', 'Bastion: 192.168.1.10'),
    }).validate([secretsRule]);
    const problems = problemsOf(published, { rule: 'secrets' });
    assert.deepEqual(
      problems.map((p) => [p.file, p.field]),
      [
        ['content/handbook/net.mdx', 'body'],
        ['content/postmortems/ip.mdx', 'body'],
        ['content/postmortems/ip.mdx', 'body'],
      ],
    );
    assert.match(
      problems[0].message,
      /^contains a private IPv4 address \(ipv4\): 192\.168\.\*\.\* in a public entry; it maps the internal network/,
    );
    assert.match(problems[1].message, /^contains a private IPv4 address \(ipv4\): 10\.20\.\*\.\*/);
    assert.match(
      problems[2].message,
      /^contains a public IPv4 address \(ipv4\): 51\.140\.\*\.\* in a public entry; it can identify a customer or one of our hosts: .* use a documentation address \(192\.0\.2\.0\/24/,
    );
  });

  test('a card number is reported in an internal entry too', () => {
    const text = mdx(postmortemYaml(), 'The customer pasted 4111 1111 1111 1111 in the chat.\n');
    const problems = problemsOf(contentFolder({ 'postmortems/card.mdx': text }).validate([secretsRule]), { rule: 'secrets' });
    assert.equal(problems.length, 1);
    assert.equal(
      problems[0].message,
      'contains a Visa card number (card-number): ****1111 (16 digits); a card number never belongs in an entry, internal or public: remove it and write "<redacted>" or "the card ending 1111"; if it is a documented test card, end the line with {/* almanac-disable-line secrets */}',
    );
  });
});
