/** Small factories for API payloads. */
export function workPayload(overrides: Record<string, unknown> = {}) {
  return {
    country: 'KEN',
    type: 'act',
    number: '99',
    year: 2024,
    title: { eng: 'Test Cyber Act' },
    status: 'in_force',
    expressions: [
      {
        language: 'eng',
        date: '2024-03-01',
        authoritative: true,
        title: 'Test Cyber Act, 2024',
        provisions: [
          {
            eid: 'sec_1',
            number: '1',
            heading: 'Short title',
            text: 'This Act may be cited as the Test Cyber Act.',
          },
          {
            eid: 'sec_2',
            number: '2',
            heading: 'Unauthorised access',
            text: 'A person who accesses a computer system without authority commits an offence.',
            mappings: [{ instrument: 'ETS185', article: '2', coverage: 'full' }],
            children: [{ eid: 'sec_2__subsec_1', number: '(1)', text: 'The penalty is a fine.' }],
          },
        ],
      },
    ],
    ...overrides,
  };
}

export function casePayload(overrides: Record<string, unknown> = {}) {
  return {
    country: 'KEN',
    title: 'Republic v. A.B.',
    court: 'High Court of Test',
    date: '2024-05-02',
    case_number: 'CR 1/2024',
    language: 'eng',
    brief: { facts: 'The accused logged into a server without permission.', decision: 'Convicted.' },
    parties: [{ role: 'defendant', name: 'A.B.', charges: ['unauthorised access'] }],
    outcome: 'convicted',
    ...overrides,
  };
}
