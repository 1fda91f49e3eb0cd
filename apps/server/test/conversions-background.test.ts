import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import {
  accepted,
  changedEvents,
  count,
  partnerWithClick,
  postback,
  signedNetwork,
  unique,
} from './conversions-helpers.ts';

// Jobs on: the app processes the inbox in the background as reports arrive (pg-boss itself stays off).
const ctx = useTestApp({ env: { JOBS_ENABLED: 'true' } });

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background processing', () => {
  it('processes accepted postbacks without being asked, in batches', async () => {
    const { network } = await signedNetwork(ctx());
    const { clickId } = await partnerWithClick(ctx());
    const actions = Array.from({ length: 40 }, () => unique('act'));
    await Promise.all(
      actions.map((actionId) =>
        accepted(
          postback(ctx(), network.key, {
            click_id: clickId,
            action_id: actionId,
            status: 'pending',
            payment_sum: '1',
          }),
        ),
      ),
    );
    await eventually(
      async () =>
        (await count(
          ctx(),
          'SELECT count(*) FROM conversions.inbox WHERE network_id = $1 AND processed_at IS NULL',
          [network.id],
        )) === 0,
    );
    expect(
      await count(ctx(), 'SELECT count(*) FROM conversions.conversions WHERE network_id = $1', [network.id]),
    ).toBe(40);
    expect((await changedEvents(ctx())).filter((event) => event.networkKey === network.key)).toHaveLength(40);
  });
});
