import { Injectable } from '@nestjs/common';

/**
 * Tells this instance that what a user may do has narrowed (the user was disabled or deleted, or
 * lost a permission), so that whatever remembers a user's rights — the bearer-token cache —
 * forgets them at once instead of when its entry runs out.
 */
@Injectable()
export class AccessChanges {
  private readonly listeners = new Set<(idUser: number) => void>();

  onNarrowed(listener: (idUser: number) => void): void {
    this.listeners.add(listener);
  }

  narrowed(idUser: number): void {
    for (const listener of this.listeners) listener(idUser);
  }
}
