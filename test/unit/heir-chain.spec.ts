import { planHeirs } from '../../src/ownership/heir-chain';

const active = (idUser: number) => ({ idUser, active: true });
const inactive = (idUser: number) => ({ idUser, active: false });

describe(planHeirs.name, () => {
  const base = { idUser: 1, subscriptionOwner: active(10), companyOwners: [active(20), active(21)] };

  it.each([
    ['boss active → boss first', { ...base, boss: active(2) }, [2, 10, 20, 21], 'boss'],
    ['boss inactive → subscription owner', { ...base, boss: inactive(2) }, [10, 20, 21], 'subscription_owner'],
    ['no boss → subscription owner', { ...base }, [10, 20, 21], 'subscription_owner'],
    ['boss cycle (the boss is the user) → subscription owner', { ...base, boss: active(1) }, [10, 20, 21], 'subscription_owner'],
    ['subscription owner inactive → company owners', { ...base, subscriptionOwner: inactive(10) }, [20, 21], 'company_owner'],
  ])('%s', (_name, facts, ids, firstRule) => {
    const plan = planHeirs(facts);
    if (plan.refused) throw new Error('refused');
    expect(plan.candidates.map((c) => c.idUser)).toEqual(ids);
    expect(plan.candidates[0].rule).toBe(firstRule);
    expect(plan.endsCompanyOwnership).toBe(false);
    expect(plan.subscriptionOwnerCandidates).toEqual([]);
  });

  it('the subscription owner: resources to a company owner, and the subscription passes too', () => {
    const plan = planHeirs({ idUser: 10, subscriptionOwner: active(10), companyOwners: [active(20)] });
    expect(plan).toMatchObject({ refused: false, candidates: [{ idUser: 20, rule: 'company_owner' }], subscriptionOwnerCandidates: [20] });
  });

  it("the owner of another subscription: resources to the boss as usual, that subscription's ownership to a company owner", () => {
    const plan = planHeirs({ ...base, idUser: 5, boss: active(2), ownsOtherSubscription: true });
    if (plan.refused) throw new Error('refused');
    expect(plan.candidates.map((c) => c.idUser)).toEqual([2, 10, 20, 21]);
    expect(plan.candidates[0].rule).toBe('boss');
    expect(plan.subscriptionOwnerCandidates).toEqual([20, 21]);
  });

  it('the owner of another subscription is refused when no company owner could take it', () => {
    expect(
      planHeirs({ idUser: 5, subscriptionOwner: active(10), companyOwners: [inactive(20)], ownsOtherSubscription: true }),
    ).toMatchObject({
      refused: true,
    });
  });

  it('a company owner with an active co-owner: the co-owner inherits and the user stops being an owner', () => {
    const plan = planHeirs({ idUser: 20, subscriptionOwner: active(20), companyOwners: [active(20), inactive(22), active(21)] });
    expect(plan).toMatchObject({
      refused: false,
      candidates: [{ idUser: 21, rule: 'company_owner' }],
      subscriptionOwnerCandidates: [21],
      endsCompanyOwnership: true,
    });
  });

  it('the only active company owner is refused', () => {
    expect(planHeirs({ idUser: 20, subscriptionOwner: active(10), companyOwners: [active(20), inactive(21)] })).toMatchObject({
      refused: true,
      reason: expect.stringContaining('assign another company owner first'),
    });
  });

  it('never names the user, nor an inactive person', () => {
    const plan = planHeirs({
      idUser: 1,
      boss: inactive(2),
      subscriptionOwner: active(1),
      companyOwners: [inactive(20), active(1), active(21)],
    });
    if (plan.refused) throw new Error('refused');
    expect(plan.candidates.map((c) => c.idUser)).toEqual([21]);
  });
});
