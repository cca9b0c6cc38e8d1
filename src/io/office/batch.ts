// Sizing of Office.js batches. Excel on the web refuses a request or a response over 5 MB
// (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, sometimes reported as a plain
// GeneralException), so every batch we send is estimated and kept to SYNC_BUDGET, far below the limit.

/** The most any one sync may carry each way, by our estimate (Excel on the web's limit is 5 MB). */
export const SYNC_BUDGET = 1_500_000;
/** What Office.js adds per queued action: the action record and the object path it acts on. */
export const ACTION_BYTES = 200;

/** Bytes of s in UTF-8 (what goes over the wire: JSON keeps CJK characters unescaped, 3 bytes each). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && !(c >= 0xd800 && c < 0xe000) ? 2 : 1;
  }
  return n;
}

export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

function codeOf(e: unknown): string | undefined {
  return (e as { code?: string })?.code;
}

/** The batch was too big for Excel (or Excel on the web failed it as an internal error, as it does for big payloads). */
export function isSizeError(e: unknown): boolean {
  const code = codeOf(e);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded' || code === 'GeneralException';
}

/**
 * Queues actions into as few syncs as fit the budget: `add` syncs first when the action would not fit,
 * then runs the `after` callbacks of the synced actions (their loaded values are there then).
 */
export class Batcher {
  private request = 0;
  private response = 0;
  private afters: (() => void)[] = [];
  syncs = 0;
  maxRequest = 0;
  maxResponse = 0;
  constructor(
    private readonly context: { sync(): Promise<void> },
    private readonly budget = SYNC_BUDGET,
  ) {}

  /** Makes room for an action of about `request` bytes whose answer is about `response` bytes, then queues it. */
  async add(request: number, response: number, queue: () => void, after?: () => void): Promise<void> {
    request += ACTION_BYTES;
    if (this.request + this.response > 0 && (this.request + request > this.budget || this.response + response > this.budget)) await this.flush();
    this.request += request;
    this.response += response;
    queue();
    if (after) this.afters.push(after);
  }

  /** Syncs what is queued (if anything). */
  async flush(): Promise<void> {
    if (this.request === 0 && this.response === 0 && this.afters.length === 0) return;
    this.maxRequest = Math.max(this.maxRequest, this.request);
    this.maxResponse = Math.max(this.maxResponse, this.response);
    const afters = this.afters;
    this.request = 0;
    this.response = 0;
    this.afters = [];
    await this.context.sync();
    this.syncs++;
    for (const f of afters) f();
  }
}
