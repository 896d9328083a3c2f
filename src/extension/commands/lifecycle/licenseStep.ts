// The "license file" step of the flows that take one (install suite, replace license): the file
// is checked as soon as it is picked, so a bad one is asked again at this step with the reason,
// instead of failing after the remaining questions.
import { readLicenseFile } from '../../../core/operations/licenseFile';
import { t } from '../../localize';
import type { CommandDeps } from '../common/deps';
import type { FileStep } from '../common/flow';
import { quietContext } from '../common/runOperation';

export function licenseFileStep(deps: CommandDeps, id: string): FileStep {
  return {
    kind: 'file',
    id,
    dialogTitle: t('DolphinDB license file'),
    filters: { [t('License files')]: ['lic'], [t('All files')]: ['*'] },
    validate: async (file) => {
      const r = await readLicenseFile(quietContext(deps), file);
      return r.ok ? undefined : r.error.reason;
    },
  };
}
