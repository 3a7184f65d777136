/** Intake problems: what is wrong with a file, said so that an editor can fix it. HTTP 422. */
import { AppError } from '../../core/errors.js';

export class IntakeError extends AppError {
  constructor(code: string, message: string) {
    super(422, code, message);
  }
}
