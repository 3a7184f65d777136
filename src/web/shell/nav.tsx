/** The back office's navigation: technical assistance, assessments, frameworks, reports and, for programme staff, mentoring and usage. */
import { isProgrammeStaff } from '../../core/access.js';
import type { Ui } from './ui.js';

export function Nav({ ui }: { ui: Ui }) {
  return (
    <p class="chips">
      <a href="/assistance">{ui.t('ta.dashboard')}</a>
      <a href="/assistance/requests">{ui.t('ta.requests')}</a>
      <a href="/assistance/activities">{ui.t('ta.activities')}</a>
      <a href="/assistance/where">{ui.t('ta.where')}</a>
      <a href="/assistance/overlaps">{ui.t('ta.overlaps')}</a>
      <a href="/assistance/funding">{ui.t('fund.title')}</a>
      <a href="/assistance/organisations">{ui.t('org.title')}</a>
      <a href="/assessments">{ui.t('asm.list')}</a>
      <a href="/frameworks">{ui.t('fw.title')}</a>
      <a href="/reports">{ui.t('rep.title')}</a>
      {isProgrammeStaff(ui.viewer) && <a href="/assistance/mentoring">{ui.t('men.title')}</a>}
      {isProgrammeStaff(ui.viewer) && <a href="/usage">{ui.t('use.title')}</a>}
      {isProgrammeStaff(ui.viewer) && <a href="/imports">{ui.t('imp.title')}</a>}
    </p>
  );
}
