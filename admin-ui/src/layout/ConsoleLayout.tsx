import { Layout, type LayoutProps } from 'react-admin';
import { ConsoleAppBar } from './ConsoleAppBar.tsx';
import { NavMenu } from './NavMenu.tsx';
import { MaintenanceBanner } from './MaintenanceBanner.tsx';
import { useDocumentTitle } from './useDocumentTitle.ts';

const ConsoleLayout = ({ children }: LayoutProps) => {
  useDocumentTitle();
  return (
    <Layout appBar={ConsoleAppBar} menu={NavMenu} appBarAlwaysOn>
      <MaintenanceBanner />
      {children}
    </Layout>
  );
};

export default ConsoleLayout;
