/** A userName that another user of the subscription already holds (compared case-insensitively). */
export class UserNameTakenError extends Error {
  constructor(readonly userName: string) {
    super(`userName "${userName}" is already in use`);
    this.name = 'UserNameTakenError';
  }
}

/** The row changed since the caller read it (optimistic concurrency on WFUser.version). */
export class UserVersionConflictError extends Error {
  constructor(readonly guidUser: string) {
    super(`user ${guidUser} was modified by another request`);
    this.name = 'UserVersionConflictError';
  }
}
