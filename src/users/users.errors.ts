import { AppError, ErrorCode } from '../common/errors/app-error';

/** A userName that another user of the subscription already holds (compared case-insensitively). */
export class UserNameTakenError extends AppError {
  constructor(readonly userName: string) {
    super(ErrorCode.Uniqueness, `userName "${userName}" is already in use`);
  }
}

/** The row changed since the caller read it (optimistic concurrency on the version column). */
export class UserVersionConflictError extends AppError {
  constructor(readonly id: string) {
    super(ErrorCode.VersionMismatch, `${id} was modified by another request; read it again and retry`);
  }
}
