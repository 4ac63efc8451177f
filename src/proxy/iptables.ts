// The proxy's rules applied to the kernel: one `iptables-restore --noflush`
// per sync for both tables (atomic; after the first, only the chains that
// changed), the jumps from the built-in chains checked with `-C` and added
// once, and everything taken away again by `cleanup()`. The nf_tables
// binaries are called by name: mixing in iptables-legacy would leave
// legacy tables registered and every later call warning.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { FIXED_CHAINS, isServiceChain, JUMPS, restoreText, TABLES, type Jump, type ProxyRules, type Table } from './rules.js';

const IPTABLES = 'iptables-nft';
const RESTORE = 'iptables-nft-restore';
const SAVE = 'iptables-nft-save';
/** Bridged pod-to-pod packets must pass through iptables, or a service's DNAT to a pod on the same bridge is never undone. */
const BRIDGE_NF_CALL = '/proc/sys/net/bridge/bridge-nf-call-iptables';
/** Packets from 127.0.0.1 may be routed out once DNATed: node ports on localhost (as kube-proxy sets it). */
const ROUTE_LOCALNET = '/proc/sys/net/ipv4/conf/all/route_localnet';

function run(program: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${program} ${args.join(' ')} exited ${code}: ${stderr.trim()}`))));
    // A restore that fails early stops reading; its exit status says why, not the broken pipe.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

/** A rule's text as argv (double-quoted comments stay one argument). */
const argv = (rule: string) => [...rule.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

const isOwned = (table: Table, chain: string) => FIXED_CHAINS[table].includes(chain) || isServiceChain(chain);

/** The chains of ours a table holds now (left by an earlier run, or made by this one). */
async function ownedChains(table: Table): Promise<string[]> {
  const saved = await run(SAVE, ['-t', table]);
  return [...saved.matchAll(/^:(\S+)/gm)].map((m) => m[1]!).filter((chain) => isOwned(table, chain));
}

async function hasJump(jump: Jump): Promise<boolean> {
  return run(IPTABLES, ['-w', '-t', jump.table, '-C', jump.from, ...argv(jump.rule)]).then(
    () => true,
    () => false,
  );
}

export class IptablesTables {
  /** What the last successful restore made; undefined until one has, and after a failure (the next sync writes everything). */
  private applied: ProxyRules | undefined;
  private rewriteAll = false;
  /** The sysctls this proxy found off and turned on; cleanup turns them off again. */
  private readonly turnedOn = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /** The next apply writes every chain and checks the jumps again (what someone else flushed or deleted comes back). */
  forget(): void {
    this.rewriteAll = true;
  }

  /** Makes the tables hold `rules`; resolves with false when nothing needed writing. */
  async apply(rules: ProxyRules): Promise<boolean> {
    const previous = this.rewriteAll ? undefined : this.applied;
    this.applied = undefined;
    this.rewriteAll = false;
    let text: string;
    if (previous) {
      text = restoreText(rules, previous);
    } else {
      // A full write; chains an earlier run left behind (and no longer wanted) go in the same transaction.
      const stale = { filter: await ownedChains('filter'), nat: await ownedChains('nat') };
      text = restoreText(rules, undefined, stale);
    }
    if (text) await run(RESTORE, ['-w', '--noflush'], text);
    if (!previous) {
      // The chains exist now: the built-in chains may jump to them.
      for (const jump of JUMPS) if (!(await hasJump(jump))) await run(IPTABLES, ['-w', '-t', jump.table, '-I', jump.from, ...argv(jump.rule)]);
      if (!fs.existsSync(BRIDGE_NF_CALL)) this.log(`${BRIDGE_NF_CALL} is missing (br_netfilter is not loaded): a pod reaching a service backed by a pod on the same bridge will not get replies`);
      for (const sysctl of [BRIDGE_NF_CALL, ROUTE_LOCALNET]) if (turnOn(sysctl)) this.turnedOn.add(sysctl);
    }
    this.applied = rules;
    return text !== '';
  }

  /**
   * Removes the jumps and every chain of ours (on shutdown), leaving no KUBE- chain this proxy makes, and
   * turns back off the sysctls it turned on: route_localnet without KUBE-FIREWALL's drop of outside traffic
   * to 127/8 would open the node's loopback services to its neighbours.
   */
  async cleanup(): Promise<void> {
    this.applied = undefined;
    for (const jump of JUMPS) while (await hasJump(jump)) await run(IPTABLES, ['-w', '-t', jump.table, '-D', jump.from, ...argv(jump.rule)]);
    const lines: string[] = [];
    for (const table of TABLES) {
      const chains = await ownedChains(table);
      if (!chains.length) continue;
      // Flushed first, all of them, so no rule still refers to a chain being deleted.
      lines.push(`*${table}`, ...chains.map((c) => `:${c} - [0:0]`), ...chains.map((c) => `-X ${c}`), 'COMMIT');
    }
    if (lines.length) await run(RESTORE, ['-w', '--noflush'], lines.join('\n') + '\n');
    for (const sysctl of this.turnedOn) fs.writeFileSync(sysctl, '0');
    this.turnedOn.clear();
  }
}

/** Sets a sysctl to 1 unless it is already; true when this call turned it on. */
function turnOn(sysctl: string): boolean {
  if (!fs.existsSync(sysctl) || fs.readFileSync(sysctl, 'utf8').trim() !== '0') return false;
  fs.writeFileSync(sysctl, '1');
  return true;
}
