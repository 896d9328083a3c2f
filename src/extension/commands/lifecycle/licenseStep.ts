// The "license file" step of the flows that take one (install suite, replace license): the file
// is checked as soon as it is picked, so a bad one is asked again at this step with the reason,
// instead of failing after the remaining questions. The format and expiry checks are inferred
// from known licenses, so a file that fails one of them may still be used after an explicit,
// modal warning; the choice goes to the output channel and the command passes it on to the core
// (`acceptInvalidLicense`), whose plan repeats the warning.
import * as vscode from 'vscode';
import { licenseCheckOverridable, readLicenseFile } from '../../../core/operations/licenseFile';
import { t } from '../../localize';
import { extraBoolean, type Answers } from '../common/answers';
import type { CommandDeps } from '../common/deps';
import type { FileStep } from '../common/flow';
import { quietContext } from '../common/runOperation';

/** Files the user chose to use although a check failed, during one command. */
export type LicenseOverrides = Set<string>;

export function licenseFileStep(deps: CommandDeps, id: string, overrides: LicenseOverrides): FileStep {
  return {
    kind: 'file',
    id,
    dialogTitle: t('DolphinDB license file'),
    filters: { [t('License files')]: ['lic'], [t('All files')]: ['*'] },
    validate: async (file) => {
      overrides.delete(file);
      const r = await readLicenseFile(quietContext(deps), file);
      if (r.ok) return undefined;
      if (!licenseCheckOverridable(r.error)) return r.error.reason;
      const useAnyway = t('Use It Anyway');
      const choice = await vscode.window.showWarningMessage(
        t('The license file failed a check: {0}', r.error.reason),
        {
          modal: true,
          detail: t(
            'The check follows the format of known DolphinDB licenses; it may be wrong for yours. If you know the file is right, use it anyway: the DolphinDB operator or DolphinDB itself may still reject it, and the cluster then does not start. The choice is written to the output channel.',
          ),
        },
        useAnyway,
      );
      if (choice !== useAnyway) return r.error.reason;
      overrides.add(file);
      deps.log.warn(t('License check overridden by the user for {0}: {1}', file, r.error.reason));
      return undefined;
    },
  };
}

/** Whether the command may use a license that fails a check: the user chose so, or a script says `acceptInvalidLicense: true`. */
export function acceptsInvalidLicense(deps: CommandDeps, a: Answers, file: string, overrides: LicenseOverrides): boolean {
  if (overrides.has(file)) return true;
  if (extraBoolean(a, 'acceptInvalidLicense') !== true) return false;
  deps.log.warn(t('License check override requested by the script (acceptInvalidLicense) for {0}.', file));
  return true;
}
