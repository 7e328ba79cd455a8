/**
 * Secret and personal-data scan. Every line of every entry (frontmatter, body and code blocks:
 * pasted logs are where secrets hide) is searched for credentials of well-known shapes, private
 * key blocks, passwords inside URLs and payment card numbers. Entries marked `visibility: public`
 * are also searched for IP addresses, and public postmortems for e-mail addresses and phone
 * numbers. Messages show a masked form, never the whole value. docs/secrets.md lists every shape.
 *
 * Level: `lint.secrets` in almanac.yaml (`error` by default; `warn` or `off`). Opt out per line
 * with `# almanac-disable-line secrets` (YAML) or `{/* almanac-disable-line secrets *\/}` (MDX),
 * e.g. for a documented fake key.
 *
 * Where the credential patterns come from, so they can be refreshed: the default rules of
 * gitleaks (`config/gitleaks.toml` in github.com/gitleaks/gitleaks, read at commit b58d3f1,
 * 2026-07-22; the `id` of the rule is named next to each shape) and the rules of secretlint's
 * recommended preset (`packages/@secretlint/secretlint-rule-<name>/src/index.ts` in
 * github.com/secretlint/secretlint, read at commit 18346ba, 2026-08-21). Only the regexes and
 * entropy thresholds are taken. Adapted on purpose:
 * - gitleaks ends a token with a terminator it consumes (`[\x60'"\s;]|$`); here a token is
 *   delimited by lookarounds on its own character class, so it also ends before prose
 *   punctuation and, above all, a run of token characters is tried from one place only. That
 *   keeps every pattern linear on long lines (a 1 MB line of `eyJ-eyJ-…` would otherwise be
 *   retried from every `eyJ`).
 * - the allowlists of documentation keys (`…EXAMPLE`) are not taken: a documented fake needs the
 *   opt-out comment, so a reader sees that it was checked.
 */
import type { ParsedFile } from '../files.ts';
import { formatFieldPath, type Problem, type ProblemLevel } from '../../core/problems.ts';
import type { EntryRule, RuleContext } from '../validate.ts';
import { fieldOfLine, fileLines, isDisabled, lineLocator, problemLevel, scalarFields } from './source.ts';

export const SECRETS_RULE = 'secrets';

/**
 * What a finding asks of the author: a credential is rotated, a card number removed, personal
 * data replaced by a role, an address replaced by a description or a documentation address.
 */
export type SecretKind = 'credential' | 'card' | 'personal' | 'address';

/** A kind of secret and how to recognise it; `group` is the capture holding the secret itself. */
export interface SecretShape {
  id: string;
  label: string;
  kind: SecretKind;
  pattern: RegExp;
  /**
   * A quick test that every text the pattern matches in passes; the pattern runs only where it
   * does. For patterns that start with a character class: V8 tries those at every position of
   * the text, a literal it finds by skipping ahead.
   */
  hint?: RegExp;
  group?: number;
  /** Extra check on the captured value (e.g. entropy) before it counts. */
  accept?: (value: string) => boolean;
  /** A label that depends on the value (the card brand, a private or public address). */
  labelOf?: (value: string) => string;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER =
  /^(?:x+|\*+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Z_]+%|\$[A-Z_]+|redacted|changeme|password|secret|example|dummy|placeholder|your[-_a-z]*)$/i;

/** Gitleaks' `entropy` threshold of a rule: a run of one repeated character is not a key. */
const minEntropy = (bits: number) => (value: string) => entropy(value) >= bits;

/** A value that is not a placeholder and random enough to be a credential. */
const realValue = (bits: number) => (value: string) => !PLACEHOLDER.test(value) && entropy(value) >= bits;

/**
 * Gitleaks' semi-generic rule: a service name, up to 20 characters of a variable name, an
 * assignment operator (`=`, `:`, `=>`, `:=`, `||`, …), optional quotes, then the value.
 */
function assignment(keywords: string, value: string): RegExp {
  return new RegExp(
    `(?:${keywords})[ \\t\\w.-]{0,20}[\\s'"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'"\\s=]{0,5}(${value})(?![\\w-])`,
    'gi',
  );
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Credentials, reported in every entry. Earlier shapes win where two match the same text. */
const CREDENTIAL_SHAPES: readonly SecretShape[] = [
  {
    // secretlint-rule-gcp: a service-account JSON file is a `private_key` holding a PEM block.
    id: 'gcp-service-account-key',
    label: 'a GCP service-account key (the "private_key" of its JSON file)',
    kind: 'credential',
    pattern: /"private_key"\s*:\s*"(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----)/g,
    group: 1,
  },
  // gitleaks private-key (the header; the body may span lines).
  {
    id: 'private-key',
    label: 'a private key block',
    kind: 'credential',
    pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    // gitleaks aws-access-token, with the IAM prefixes of secretlint-rule-aws.
    id: 'aws-access-key',
    label: 'an AWS access key id',
    kind: 'credential',
    pattern: /(?<![A-Za-z0-9])((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // secretlint-rule-aws (AWSSecretAccessKey): `aws_secret_access_key = …`, `SecretAccessKey: …`.
    id: 'aws-secret-key',
    label: 'an AWS secret access key',
    kind: 'credential',
    pattern: /["']?(?:aws_?)?secret_?access_?key["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: realValue(3),
  },
  {
    // gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat
    // (lengths relaxed to a range: a truncated or newer token is still a token).
    id: 'github-token',
    label: 'a GitHub token',
    kind: 'credential',
    pattern: /\b((?:gh[pousr]_[A-Za-z0-9]{36,255})|(?:github_pat_[A-Za-z0-9_]{22,255}))\b/g,
    group: 1,
  },
  {
    // gitleaks gitlab-pat, gitlab-pat-routable, gitlab-deploy-token, gitlab-runner-authentication-token,
    // gitlab-ptt, gitlab-rrt; secretlint-rule-gitlab allows personal tokens of 20 to 128 characters.
    id: 'gitlab-token',
    label: 'a GitLab token',
    kind: 'credential',
    pattern: /(?<![\w-])((?:glpat|gldt|glrt)-[\w-]{20,300}(?:\.[0-9a-z]{9})?|glptt-[0-9a-f]{40}|GR1348941[\w-]{20,300})(?![\w-])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // gitleaks slack-bot-token, slack-user-token, slack-legacy-*, slack-app-token.
    id: 'slack-token',
    label: 'a Slack token',
    kind: 'credential',
    pattern: /(?<![\w-])(xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+)(?![\w-])/g,
    group: 1,
  },
  {
    // gitleaks slack-webhook-url.
    id: 'slack-webhook',
    label: 'a Slack webhook URL',
    kind: 'credential',
    pattern: /((?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,})/g,
    group: 1,
  },
  {
    // gitleaks stripe-access-token: secret (`sk_`) and restricted (`rk_`) keys, live and test.
    id: 'stripe-key',
    label: 'a Stripe secret or restricted key',
    kind: 'credential',
    pattern: /(?<!\w)((?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99})(?![A-Za-z0-9])/g,
    group: 1,
    accept: minEntropy(2),
  },
  {
    // gitleaks openai-api-key (= secretlint-rule-openai): project, service-account and admin keys
    // carry the marker `T3BlbkFJ` ("OpenAI" in base64) at a fixed place.
    id: 'openai-key',
    label: 'an OpenAI API key',
    kind: 'credential',
    pattern:
      /(?<![\w-])(sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})(?![\w-])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // gitleaks anthropic-api-key and anthropic-admin-api-key, with the length range of
    // secretlint-rule-anthropic.
    id: 'anthropic-key',
    label: 'an Anthropic API key',
    kind: 'credential',
    pattern: /(?<![\w-])(sk-ant-(?:api0\d|admin01)-[A-Za-z0-9_-]{90,128}AA)(?![\w-])/g,
    group: 1,
  },
  {
    // gitleaks azure-ad-client-secret: the `Q~` after four characters marks an Entra ID secret.
    id: 'azure-client-secret',
    label: 'an Azure AD client secret',
    kind: 'credential',
    pattern: /(?<![^\\'"`\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?![^\\'"`\s<),])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // gitleaks gcp-api-key.
    id: 'google-api-key',
    label: 'a Google API key',
    kind: 'credential',
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    group: 1,
  },
  {
    // gitleaks twilio-api-key.
    id: 'twilio-api-key',
    label: 'a Twilio API key',
    kind: 'credential',
    pattern: /(?<![A-Za-z0-9])(SK[0-9a-fA-F]{32})(?![A-Za-z0-9])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // gitleaks sendgrid-api-token (`SG.` and 66 characters), spelled as its two parts of 22 and 43
    // as secretlint-rule-sendgrid does.
    id: 'sendgrid-key',
    label: 'a SendGrid API key',
    kind: 'credential',
    pattern: /(?<![\w.-])(SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/g,
    group: 1,
    accept: minEntropy(2),
  },
  {
    // gitleaks mailgun-private-api-token, mailgun-pub-key, mailgun-signing-key.
    id: 'mailgun-key',
    label: 'a Mailgun key',
    kind: 'credential',
    pattern: assignment('mailgun', 'key-[a-f0-9]{32}|pubkey-[a-f0-9]{32}|[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}'),
    group: 1,
    accept: minEntropy(2),
  },
  {
    // gitleaks datadog-access-token (40 characters after "datadog"), plus the agent's documented
    // variables DD_API_KEY (32 hex) and DD_APP_KEY (40), which do not say "datadog".
    id: 'datadog-key',
    label: 'a Datadog API or application key',
    kind: 'credential',
    pattern: assignment('datadog|dd_api_key|dd_app_key|dd_application_key', '[a-z0-9]{40}|[a-f0-9]{32}'),
    group: 1,
    accept: realValue(3),
  },
  {
    // gitleaks shopify-access-token, shopify-custom-access-token, shopify-private-app-access-token,
    // shopify-shared-secret.
    id: 'shopify-token',
    label: 'a Shopify access token or shared secret',
    kind: 'credential',
    pattern: /(?<!\w)(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9])/g,
    group: 1,
    accept: minEntropy(2),
  },
  {
    // gitleaks pypi-upload-token (the macaroon always starts with "pypi.org" in base64).
    id: 'pypi-token',
    label: 'a PyPI upload token',
    kind: 'credential',
    pattern: /(?<![\w-])(pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})(?![\w-])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // gitleaks npm-access-token (= secretlint-rule-npm NPM_ACCESS_TOKEN_PATTERN).
    id: 'npm-token',
    label: 'an npm access token',
    kind: 'credential',
    pattern: /(?<![\w-])(npm_[A-Za-z0-9]{36})(?![\w-])/g,
    group: 1,
    accept: minEntropy(2),
  },
  {
    // secretlint-rule-npm (Npmrc_authToken): an .npmrc line; `${NPM_TOKEN}` is the safe form.
    id: 'npmrc-auth-token',
    label: 'an npm registry token (`_authToken`)',
    kind: 'credential',
    pattern: /_authToken\s*=\s*["']?([^\s"'$][^\s"']{7,})/g,
    group: 1,
    accept: (value) => !PLACEHOLDER.test(value) && !value.startsWith('npm_'),
  },
  {
    // secretlint-rule-docker (DOCKER_PAT_PATTERN); gitleaks has no Docker Hub rule.
    id: 'docker-token',
    label: 'a Docker Hub access token',
    kind: 'credential',
    pattern: /(?<![\w-])(dckr_pat_[A-Za-z0-9_-]{27})(?![\w-])/g,
    group: 1,
  },
  {
    // gitleaks heroku-api-key-v2.
    id: 'heroku-key',
    label: 'a Heroku API key',
    kind: 'credential',
    pattern: /(?<![\w-])(HRKU-AA[0-9a-zA-Z_-]{58})(?![\w-])/g,
    group: 1,
    accept: minEntropy(4),
  },
  {
    // gitleaks heroku-api-key: the older keys are UUIDs, recognisable only after "heroku".
    id: 'heroku-key',
    label: 'a Heroku API key',
    kind: 'credential',
    pattern: assignment('heroku', UUID),
    group: 1,
  },
  {
    // gitleaks huggingface-access-token.
    id: 'huggingface-token',
    label: 'a Hugging Face access token',
    kind: 'credential',
    pattern: /(?<![\w-])(hf_[A-Za-z]{34})(?![\w-])/g,
    group: 1,
    accept: minEntropy(2),
  },
  {
    // gitleaks digitalocean-pat.
    id: 'digitalocean-token',
    label: 'a DigitalOcean personal access token',
    kind: 'credential',
    pattern: /(?<![\w-])(dop_v1_[a-f0-9]{64})(?![\w-])/g,
    group: 1,
    accept: minEntropy(3),
  },
  {
    // gitleaks jwt (header and payload both start with `eyJ`, base64 of `{"`).
    id: 'jwt',
    label: 'a JSON Web Token',
    kind: 'credential',
    pattern: /(?<![\w-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g,
    group: 1,
  },
  {
    // secretlint-rule-basicauth and -database-connection-string: `scheme://user:password@host`.
    id: 'url-password',
    label: 'a password in a URL',
    kind: 'credential',
    pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'`<>]+:([^\s/@"'`<>]+)@[^\s/"'`<>]+/gi,
    hint: /:\/\/[^\s/:@"'`<>]+:[^\s/@"'`<>]+@/,
    group: 1,
    accept: (value) => !PLACEHOLDER.test(value),
  },
  {
    // In the spirit of gitleaks generic-api-key (same entropy threshold), with a closed list of
    // names so that `key: checkout-api` does not count.
    id: 'generic-secret',
    label: 'a credential assignment',
    kind: 'credential',
    pattern:
      /\b(?:api[_-]?key|apikey|api[_-]?secret|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|secret|token|password|passwd)["']?\s*[:=]\s*["']?([A-Za-z0-9/+_=.~-]{16,})/gi,
    group: 1,
    accept: (value) => !PLACEHOLDER.test(value) && entropy(value) >= 3.5 && /\d/.test(value) && /[A-Za-z]/.test(value),
  },
];

/** The Luhn checksum every payment card number satisfies (ISO/IEC 7812). */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes (IIN ranges) and lengths of the card networks. Only numbers with a known prefix
 * and length count: a Luhn check alone would accept one in ten order ids.
 */
const CARD_BRANDS: readonly { brand: string; prefix: RegExp; lengths: readonly number[] }[] = [
  { brand: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { brand: 'Mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { brand: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { brand: 'Discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { brand: 'JCB', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { brand: 'Diners Club', prefix: /^(?:30[0-59]|3[689])/, lengths: [14, 15, 16, 17, 18, 19] },
  { brand: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
];

/** The card network of a card number (digits, spaces or dashes), or undefined when it is none. */
export function cardBrand(value: string): string | undefined {
  const digits = value.replace(/\D/g, '');
  if (!luhn(digits)) return undefined;
  return CARD_BRANDS.find((card) => card.prefix.test(digits) && card.lengths.includes(digits.length))?.brand;
}

export const CARD_SHAPE: SecretShape = {
  id: 'card-number',
  label: 'a payment card number',
  kind: 'card',
  // 13 to 19 digits in one run, or in the groups cards are printed in (4-4-4-4, 4-4-4-4-3,
  // 4-6-5, 4-6-4) with one separator throughout. Digits, dots, dashes, slashes or colons around
  // it mean a longer number, a version, a date or an id, not a card.
  pattern:
    /(?<![\w.+\-/:])(?<!\d[ -])(\d{13,19}|\d{4}([ -])\d{4}\2\d{4}\2\d{4}(?:\2\d{3})?|\d{4}([ -])\d{6}\3\d{4,5})(?![\w\-/:+]|[.,]\d|[ -]\d)/g,
  group: 1,
  accept: (value) => cardBrand(value) !== undefined,
  labelOf: (value) => `a ${cardBrand(value)} card number`,
};

/** Credentials and card numbers: reported in every entry. */
export const SECRET_SHAPES: readonly SecretShape[] = [...CREDENTIAL_SHAPES, CARD_SHAPE];

/** Personal data reported only in public postmortems. */
export const PERSONAL_DATA_SHAPES: readonly SecretShape[] = [
  {
    id: 'email',
    label: 'an e-mail address',
    kind: 'personal',
    // The look-behind holds every character of the local part, so a long run of them is tried
    // from its start only. `git@github.com:org/repo` (an SSH remote) is not an address.
    pattern: /(?<![\w.%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-]|:[\w~/])/g,
    hint: /@/,
    group: 1,
  },
  {
    id: 'phone',
    label: 'a phone number',
    kind: 'personal',
    // +44 20 7946 0958, +1 (415) 555-0142, 020 7946 0958, (415) 555-0142, 415-555-0142
    pattern: /(?<![\w+.\-/:])((?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4})(?![\w\-/:]|\.\d)/g,
    group: 1,
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      if (digits.length < 9 || digits.length > 15) return false;
      // Dates, times and version numbers are not phone numbers.
      if (/^\d{4}-\d{2}-\d{2}/.test(value) || /^\d+\.\d+\.\d+/.test(value)) return false;
      return value.startsWith('+') || value.startsWith('(') || value.startsWith('0') || /^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(value);
    },
  },
];

/** Where an IP address points: worth reporting (`public`, `private`) or not (`undefined`). */
export type AddressScope = 'public' | 'private' | undefined;

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/**
 * Public resolvers: their addresses name a service everyone uses, not a host of ours or a
 * customer's ("we switched the resolver to 1.1.1.1").
 */
const PUBLIC_RESOLVERS = new Set([
  '1.1.1.1',
  '1.0.0.1',
  '8.8.8.8',
  '8.8.4.4',
  '9.9.9.9',
  '149.112.112.112',
  '208.67.222.222',
  '208.67.220.220',
]);

/** The 32 bits of a dotted quad. */
function ipv4Number(value: string): number {
  return value.split('.').reduce((number, octet) => number * 256 + Number(octet), 0);
}

function inRange(address: number, network: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(ipv4Number(network) / size);
}

/**
 * Private (RFC 1918) and shared (RFC 6598, carrier-grade NAT and many overlay networks) ranges
 * map the internal network; documentation (RFC 5737), loopback, link-local (and the cloud
 * metadata address in it), "this network", benchmarking, multicast and reserved ranges do not
 * point at anyone's host.
 */
export function ipv4Scope(value: string): AddressScope {
  const address = ipv4Number(value);
  if (PUBLIC_RESOLVERS.has(value)) return undefined;
  const notAHost: [string, number][] = [
    ['0.0.0.0', 8],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ];
  if (notAHost.some(([network, bits]) => inRange(address, network, bits))) return undefined;
  const internal: [string, number][] = [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['100.64.0.0', 10],
  ];
  return internal.some(([network, bits]) => inRange(address, network, bits)) ? 'private' : 'public';
}

/** The eight 16-bit groups of an IPv6 address, or undefined when the text is not one. */
export function ipv6Groups(value: string): number[] | undefined {
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const groups = [...head, ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  if (halves.length === 2 ? groups.length > 7 : groups.length !== 8) return undefined;
  const numbers = (list: string[]) => list.map((group) => parseInt(group, 16));
  return [...numbers(head), ...Array<number>(8 - groups.length).fill(0), ...numbers(tail)];
}

/**
 * Global unicast (2000::/3) is public, unique local (fc00::/7) private; documentation
 * (2001:db8::/32, 3fff::/20), loopback, link-local, multicast and unassigned space are not
 * reported, which also keeps hex words such as `dead::beef` out.
 */
export function ipv6Scope(value: string): AddressScope {
  const groups = ipv6Groups(value);
  if (!groups) return undefined;
  const [first, second] = groups;
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xe000) !== 0x2000) return undefined;
  if (first === 0x2001 && second === 0x0db8) return undefined;
  if ((first & 0xfff0) === 0x3ff0) return undefined;
  return 'public';
}

const addressLabel = (family: string, scope: AddressScope) => `a ${scope} ${family} address`;

/** IP addresses, reported in entries marked `visibility: public`. */
export const ADDRESS_SHAPES: readonly SecretShape[] = [
  {
    id: 'ipv4',
    label: 'an IPv4 address',
    kind: 'address',
    // A dotted quad right after "v", "version", "release", "build" or "section" is a version or a
    // section number, and so is one after a product name and a slash (`Chrome/120.0.0.0`); one inside a longer dotted number (an OID, `1.2.3.4.5`) or followed by a
    // pre-release tag (`1.2.3.4-rc1`) is not an address either. A CIDR suffix or port may follow.
    pattern: new RegExp(
      `(?<![\\w.]|\\w/)(?<!(?:\\b(?:v|ver|version|release|build|section)|§)[ :=]{0,2})(${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3})(?![\\w+]|\\.\\d|-[A-Za-z])`,
      'gi',
    ),
    group: 1,
    accept: (value) => ipv4Scope(value) !== undefined,
    labelOf: (value) => addressLabel('IPv4', ipv4Scope(value)),
  },
  {
    id: 'ipv6',
    label: 'an IPv6 address',
    kind: 'address',
    // Candidates are colon-separated hex groups, checked by ipv6Groups: times (`10:00:00`) and MAC
    // addresses have too few groups and no `::`. An IPv4-mapped tail (`::ffff:10.0.0.1`) is left
    // to the IPv4 shape.
    pattern: /(?<![\w:.])((?:[0-9a-f]{1,4})?(?::[0-9a-f]{0,4}){2,7})(?![\w:]|\.\w)/gi,
    group: 1,
    accept: (value) => ipv6Scope(value) !== undefined,
    labelOf: (value) => addressLabel('IPv6', ipv6Scope(value)),
  },
];

/** Shapes whose value has no telling prefix: their mask shows at most two characters. */
const UNPREFIXED = new Set(['url-password', 'generic-secret', 'aws-secret-key', 'npmrc-auth-token', 'datadog-key', 'azure-client-secret']);

/** A masked form that shows enough to find the value but not enough to use it. */
export function mask(value: string, kind?: string): string {
  if (kind === 'email') {
    const [local, domain] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (kind === 'phone') return `${value.replace(/\d(?=(?:\D*\d){2})/g, '•')}`;
  if (kind === 'private-key' || kind === 'gcp-service-account-key') return value;
  if (kind === 'card-number') {
    // The last four digits are what a receipt shows; they identify the card to its owner only.
    const digits = value.replace(/\D/g, '');
    return `****${digits.slice(-4)} (${digits.length} digits)`;
  }
  if (kind === 'ipv4')
    return value
      .split('.')
      .map((octet, index) => (index < 2 ? octet : '*'))
      .join('.');
  if (kind === 'ipv6') return `${value.split(':').slice(0, 2).join(':')}:…`;
  // Tokens with a well-known prefix show the prefix (it says what kind of key it is); passwords
  // and other values show at most two characters.
  const prefixed = kind !== undefined && !UNPREFIXED.has(kind);
  const visible = prefixed && value.length >= 12 ? 4 : Math.min(2, Math.floor(value.length / 4));
  return `${value.slice(0, visible)}${'*'.repeat(Math.min(8, Math.max(4, value.length - visible)))} (${value.length} characters)`;
}

/** One secret or piece of personal data found on a line. */
export interface SecretMatch {
  shape: SecretShape;
  /** Zero-based column of the secret in the line. */
  index: number;
  value: string;
}

/**
 * Every match of `shapes` in a text; where matches overlap, the earlier shape's is reported.
 * The matches found so far are kept sorted, and each shape's (already in text order, and not
 * overlapping each other) are merged in one pass: a line with thousands of findings stays linear.
 */
export function findSecrets(text: string, shapes: readonly SecretShape[] = SECRET_SHAPES): SecretMatch[] {
  let kept: { start: number; end: number; match: SecretMatch }[] = [];
  for (const shape of shapes) {
    if (shape.hint && !shape.hint.test(text)) continue;
    const added: typeof kept = [];
    let next = 0;
    // exec over the shared pattern rather than matchAll, which copies the pattern on every call.
    const pattern = shape.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0] === '') pattern.lastIndex++;
      const value = shape.group ? match[shape.group] : match[0];
      if (value === undefined) continue;
      if (shape.accept && !shape.accept(value)) continue;
      const start = match.index;
      const end = start + match[0].length;
      while (next < kept.length && kept[next].end <= start) next++;
      if (next < kept.length && kept[next].start < end) continue;
      added.push({ start, end, match: { shape, index: start + (shape.group ? match[0].indexOf(value) : 0), value } });
    }
    if (added.length === 0) continue;
    const merged: typeof kept = [];
    let i = 0;
    let j = 0;
    while (i < kept.length || j < added.length) {
      if (j >= added.length || (i < kept.length && kept[i].start < added[j].start)) merged.push(kept[i++]);
      else merged.push(added[j++]);
    }
    kept = merged;
  }
  return kept.map((entry) => entry.match).sort((a, b) => a.index - b.index);
}

function secretMessage(match: SecretMatch, optOut: string): string {
  const { shape, value } = match;
  const label = shape.labelOf?.(value) ?? shape.label;
  const found = `contains ${label} (${shape.id})`;
  const shown = mask(value, shape.id);
  const documented = `if it is a documented fake, end the line with ${optOut}`;
  switch (shape.kind) {
    case 'personal':
      return `${found}: ${shown} in a public postmortem; remove it or describe the person's role instead (e.g. "a customer", "the on-call engineer")`;
    case 'address': {
      const why =
        ipv4Scope(value) === 'private' || ipv6Scope(value) === 'private'
          ? 'it maps the internal network for anyone who reads the page'
          : 'it can identify a customer or one of our hosts';
      return `${found}: ${shown} in a public entry; ${why}: describe the host instead (e.g. "a database replica") or use a documentation address (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32); to keep a well-known address, end the line with ${optOut}`;
    }
    case 'card':
      return `${found}: ${shown}; a card number never belongs in an entry, internal or public: remove it and write "<redacted>" or "the card ending ${value.replace(/\D/g, '').slice(-4)}"; if it is a documented test card, end the line with ${optOut}`;
    case 'credential':
      if (shape.id === 'private-key' || shape.id === 'gcp-service-account-key') {
        return `${found}; remove it from the file and rotate the key, since it is now in the repository history; ${documented}`;
      }
      return `${found}: ${shown}; rotate the credential (it stays in the repository history), replace it with a placeholder such as "<redacted>" and refer to it by name (e.g. "the payments API key"); ${documented}`;
  }
}

/** The shapes scanned in an entry: credentials and cards always, the others in public entries. */
export function shapesFor(options: { personalData?: boolean; addresses?: boolean }): readonly SecretShape[] {
  return [...SECRET_SHAPES, ...(options.addresses ? ADDRESS_SHAPES : []), ...(options.personalData ? PERSONAL_DATA_SHAPES : [])];
}

/**
 * Scans one file. `personalData` adds e-mail and phone detection (public postmortems);
 * `addresses` adds IP addresses (every public entry).
 */
export function scanFile(
  parsed: ParsedFile,
  options: { level?: ProblemLevel; personalData?: boolean; addresses?: boolean } = {},
): Problem[] {
  const level = options.level ?? 'error';
  const matches = findSecrets(parsed.text, shapesFor(options));
  // Most files hold no secret: their lines and fields are worked out only for a finding.
  if (matches.length === 0) return [];
  const lines = fileLines(parsed);
  const fields = scalarFields(parsed);
  const isYamlFile = parsed.source.extension === '.yaml' || parsed.source.extension === '.yml';
  const problems: Problem[] = [];
  const locate = lineLocator(parsed.text);
  for (const match of matches) {
    const { line, column } = locate(match.index);
    const inBody = !isYamlFile && line >= parsed.bodyLine;
    const path = inBody ? undefined : fieldOfLine(fields, line);
    const anchor = fields.find((field) => path && field.path === path)?.keyLine ?? line;
    if (isDisabled(lines, SECRETS_RULE, line, anchor)) continue;
    const optOut = inBody ? `{/* almanac-disable-line ${SECRETS_RULE} */}` : `# almanac-disable-line ${SECRETS_RULE}`;
    problems.push({
      level,
      file: parsed.source.file,
      field: inBody ? 'body' : path ? formatFieldPath(path) : '',
      line,
      column,
      rule: SECRETS_RULE,
      message: secretMessage(match, optOut),
    });
  }
  return problems;
}

/**
 * The rule at the level `lint.secrets` sets. It reads every parsed file, including files with
 * schema errors, so a pasted key is reported in the same run as the file's other problems.
 * IP addresses are looked for in every entry marked `visibility: public` (a published page of any
 * collection can map the network), personal data in postmortems marked so.
 */
function secretsOverFiles({ config, parsed }: RuleContext): Problem[] {
  const level = problemLevel(config.lint.secrets);
  if (!level) return [];
  return [...parsed.values()].flatMap((file) => {
    const data = file.data as { visibility?: unknown } | undefined;
    const isPublic = data?.visibility === 'public';
    const personalData = file.source.collection === 'postmortems' && isPublic;
    return scanFile(file, { level, personalData, addresses: isPublic });
  });
}

/** Its findings for a file depend only on that file and the configuration: cached per file. */
export const secretsRule: EntryRule = Object.assign(secretsOverFiles, { fileLocal: true });
