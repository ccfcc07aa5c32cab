/**
 * The benchmark's unit of work, shared by every implementation: a 5 KB call-end event goes
 * through a condition (is it a call end?), five fields are mapped from it, the customer is
 * fetched from a local upstream, and the mapped fields merged with the customer are answered.
 */

/** The 5 KB webhook body every server receives. */
export function payload() {
  const body = {
    event: 'call.end',
    conversationId: 'c0ffee00-1234-4abc-9def-0123456789ab',
    customerId: 'cust-4711',
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T10:07:31.000Z',
    agent: { id: 'a-42', name: 'Ada Agent', team: 'billing' },
    queue: { id: 'q-7', name: 'Billing EN' },
    participants: [],
    transcript: [],
  };
  for (let i = 0; i < 6; i++) {
    body.participants.push({ id: `p-${i}`, purpose: i % 2 ? 'agent' : 'customer', sessions: [{ mediaType: 'voice' }] });
  }
  let i = 0;
  while (JSON.stringify(body).length < 5 * 1024 - 80) {
    body.transcript.push({
      at: i,
      who: i % 2 ? 'agent' : 'customer',
      text: `line ${i} of the conversation, kept short`,
    });
    i++;
  }
  return body;
}

/** The condition every implementation applies. */
export const CONDITION = { path: 'event', equals: 'call.end' };

/** The five mapped fields (the Code node's source below does the same in the sandbox). */
export function mapFields(body) {
  return {
    conversationId: body.conversationId,
    customerId: body.customerId,
    agentName: body.agent.name,
    queueName: body.queue.name,
    durationSeconds: Math.round((Date.parse(body.endedAt) - Date.parse(body.startedAt)) / 1000),
  };
}

export const CODE_SOURCE = `const b = trigger.body;
return {
  conversationId: b.conversationId,
  customerId: b.customerId,
  agentName: b.agent.name,
  queueName: b.queue.name,
  durationSeconds: Math.round((Date.parse(b.endedAt) - Date.parse(b.startedAt)) / 1000),
};`;

/** What the upstream answers for a customer. */
export function customer(id) {
  return { id, name: 'Grace Customer', tier: 'gold', accountManager: 'Linus', openTickets: 2 };
}
