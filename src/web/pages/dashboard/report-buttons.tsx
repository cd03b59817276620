import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { reportFileUrl, type PeriodQuery } from '../../api/metrics.ts';
import { useT } from '../../i18n/i18n.tsx';

/** The period's report of the unit on screen, as a spreadsheet or a signed-off PDF (a plain download link). */
export function ReportButtons({ period, unitId }: { period: PeriodQuery; unitId?: string }) {
  const t = useT();
  return (
    <Space wrap>
      <Button href={reportFileUrl(period, unitId, 'xlsx')} icon={<FileExcelOutlined aria-hidden />} data-testid="report-xlsx" download>
        {t('metrics.report.xlsx')}
      </Button>
      <Button href={reportFileUrl(period, unitId, 'pdf')} icon={<FilePdfOutlined aria-hidden />} data-testid="report-pdf" download>
        {t('metrics.report.pdf')}
      </Button>
    </Space>
  );
}
