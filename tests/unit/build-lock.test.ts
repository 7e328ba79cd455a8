/**
 * The build lock (src/build/build-lock.ts): a second build of one project waits for the first and
 * says so once, goes on when the first ends, gives up after its timeout with a message naming
 * the other build, and takes over the lock of a build that died.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { BuildLock, BuildLockTimeoutError, buildLockFile, type LockHolder } from '../../src/build/build-lock.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function lockFile(): string {
  const root = mkdtempSync(join(tmpdir(), 'almanac-lock-'));
  folders.push(root);
  mkdirSync(join(root, 'node_modules'));
  return buildLockFile(root);
}

const holderOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as LockHolder;

describe('build lock', () => {
  test('the lock file lives in node_modules of the project root', () => {
    assert.equal(buildLockFile('/srv/almanac'), join('/srv/almanac', 'node_modules', '.almanac-build.lock'));
  });

  test('a second acquirer waits, is told once who holds the lock, and goes on after the release', async () => {
    const file = lockFile();
    const first = new BuildLock(file);
    const second = new BuildLock(file);
    await first.acquire();
    const holder = holderOf(file);
    assert.equal(holder.pid, process.pid);
    assert.equal(holder.hostname, hostname());
    assert.ok(!Number.isNaN(Date.parse(holder.startedAt)));

    const waits: LockHolder[] = [];
    let acquired = false;
    const waiting = second.acquire({ pollMs: 10, onWait: (other) => waits.push(other) }).then(() => (acquired = true));
    await new Promise((done) => setTimeout(done, 100));
    assert.equal(acquired, false, 'the second acquirer is still waiting');
    assert.equal(waits.length, 1, 'the waiting message is given once, not at every poll');
    assert.equal(waits[0].token, holder.token);

    first.release();
    await waiting;
    assert.equal(second.held, true);
    assert.notEqual(holderOf(file).token, holder.token, 'the lock file now names the second holder');
    second.release();
    assert.equal(existsSync(file), false);
  });

  test('gives up after the timeout with a message naming the other build and the lock file', async () => {
    const file = lockFile();
    const first = new BuildLock(file);
    await first.acquire();
    const started = Date.now();
    await assert.rejects(new BuildLock(file).acquire({ timeoutMs: 150, pollMs: 20 }), (error: Error) => {
      assert.ok(error instanceof BuildLockTimeoutError);
      assert.match(
        error.message,
        new RegExp(
          `^another Almanac build \\(pid ${process.pid}, started ${holderOf(file).startedAt.replace(/[.]/g, '\\.')}\\) is still running in this project after 0 s of waiting, so this build stops\\.`,
        ),
      );
      assert.ok(error.message.includes(`if no build is running, delete ${file}.`));
      return true;
    });
    assert.ok(Date.now() - started >= 150);
    first.release();
  });

  test('release never removes a lock another holder took', async () => {
    const file = lockFile();
    const first = new BuildLock(file);
    await first.acquire();
    // A stale-lock takeover by another build replaced the file while this one still ran.
    const other: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'someone-else' };
    writeFileSync(file, JSON.stringify(other));
    first.release();
    assert.equal(holderOf(file).token, 'someone-else');
  });

  test('the lock of a dead process is taken over without waiting', async () => {
    const file = lockFile();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    assert.ok(deadPid > 0);
    writeFileSync(file, JSON.stringify({ pid: deadPid, hostname: hostname(), startedAt: '2026-11-30T10:00:00.000Z', token: 'dead' }));
    const lock = new BuildLock(file);
    let waited = false;
    await lock.acquire({ timeoutMs: 1000, onWait: () => (waited = true) });
    assert.equal(waited, false);
    assert.equal(holderOf(file).pid, process.pid);
    lock.release();
  });

  test('a lock file that is not JSON (truncated, edited) is taken over', async () => {
    const file = lockFile();
    const lock = new BuildLock(file);
    await lock.acquire();
    writeFileSync(file, '{"pid": 12');
    const next = new BuildLock(file);
    await next.acquire({ timeoutMs: 500 });
    assert.equal(holderOf(file).pid, process.pid);
    next.release();
  });

  test('across processes: a child holds the lock, the parent waits until the child exits', async () => {
    const file = lockFile();
    const script = [
      `import { acquireBuildLock } from ${JSON.stringify(join(ROOT, 'src/build/build-lock.ts'))};`,
      `await acquireBuildLock(${JSON.stringify(resolve(file, '../..'))}, console.log);`,
      `console.log('held');`,
      // The child never releases explicitly: the exit handler must.
      `setTimeout(() => process.exit(0), 400);`,
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && done());
      child.on('exit', (code) => fail(new Error(`child exited (${code}) before holding the lock`)));
    });
    assert.equal(holderOf(file).pid, child.pid);
    const lock = new BuildLock(file);
    const waits: LockHolder[] = [];
    await lock.acquire({ pollMs: 20, timeoutMs: 10_000, onWait: (holder) => waits.push(holder) });
    assert.deepEqual(
      waits.map((holder) => holder.pid),
      [child.pid],
    );
    assert.equal(holderOf(file).pid, process.pid);
    lock.release();
  });

  test('across processes: a build killed with SIGKILL leaves a lock that the next build takes over', async () => {
    const file = lockFile();
    const script = [
      `import { acquireBuildLock } from ${JSON.stringify(join(ROOT, 'src/build/build-lock.ts'))};`,
      `await acquireBuildLock(${JSON.stringify(resolve(file, '../..'))}, console.log);`,
      `console.log('held');`,
      `setInterval(() => {}, 1000);`,
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && done()));
    const exited = new Promise((done) => child.on('exit', done));
    child.kill('SIGKILL');
    await exited;
    assert.equal(holderOf(file).pid, child.pid, 'SIGKILL left the lock file behind');
    const lock = new BuildLock(file);
    await lock.acquire({ timeoutMs: 1000 });
    assert.equal(holderOf(file).pid, process.pid);
    lock.release();
  });
});
