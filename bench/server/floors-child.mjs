/**
 * The other end of the floors' IPC round trip (floors.ts): answers each job with a trace of the
 * bench flow's shape (the trigger and three steps' outputs), as a flow worker process does.
 */
process.on('message', (job) => {
  const body = job.trigger.body;
  process.send({
    id: job.id,
    status: 'success',
    trigger: job.trigger,
    steps: [
      { node: 'isCallEnd', port: 'true', output: { matched: true } },
      {
        node: 'mapFields',
        port: 'success',
        output: { conversationId: body.conversationId, agentName: body.agent.name },
      },
      { node: 'getCustomer', port: 'success', output: { status: 200, body: { id: body.customerId, tier: 'gold' } } },
    ],
  });
});
